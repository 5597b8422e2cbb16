/// Where a list repeats an earlier item: every later occurrence, in order, with the index of the
/// item's first occurrence.
enum Repeats {
    /// Up to this many items, comparing each with the ones before it costs less than hashing them.
    static let linearLimit = 16

    static func of<Item, Key: Hashable>(_ items: [Item], by key: (Item) -> Key) -> [(index: Int, first: Int)] {
        var repeats: [(index: Int, first: Int)] = []
        if items.count <= linearLimit {
            for index in items.indices {
                let itemKey = key(items[index])
                if let first = items[..<index].firstIndex(where: { key($0) == itemKey }) { repeats.append((index, first)) }
            }
            return repeats
        }
        var firstSeen: [Key: Int] = [:]
        firstSeen.reserveCapacity(items.count)
        // One lookup a key: the slot is found, or made holding this index, in one pass.
        func first(_ slot: inout Int, _ index: Int) -> Int {
            if slot < 0 { slot = index }
            return slot
        }
        for index in items.indices {
            let first = first(&firstSeen[key(items[index]), default: -1], index)
            if first != index { repeats.append((index, first)) }
        }
        return repeats
    }
}
