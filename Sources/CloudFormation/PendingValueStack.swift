/// The members or elements of the containers a parser is still reading, on one stack for all
/// levels: a finished container moves its own into an array of exactly their count, so no array
/// grows one element at a time and nothing is retained or released on the way.
struct PendingValueStack<Element>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many elements are pending, for all the open containers together.
    private(set) var count = 0

    init(capacity: Int = 64) {
        storage = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Whether an element from index `start` on satisfies `predicate`.
    func contains(from start: Int, where predicate: (borrowing Element) -> Bool) -> Bool {
        var index = start
        while index < count {
            if predicate(storage[index]) { return true }
            index += 1
        }
        return false
    }

    /// The elements from index `start` on, moved into an array; the stack is `start` deep again.
    mutating func pop(from start: Int) -> [Element] {
        // `reserveCapacity` and `append` are specialized for `Element`; building the array with
        // `init(unsafeUninitializedCapacity:)` looks its storage type up at run time instead.
        var popped: [Element] = []
        popped.reserveCapacity(count - start)
        for index in start..<count { popped.append((storage + index).move()) }
        count = start
        return popped
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
