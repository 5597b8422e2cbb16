import CloudFormation
import Constructs
import Synthesis

// libc only, no Foundation: linking FoundationEssentials costs every run more start-up (and a
// larger conformance table to scan) than synth spends rendering the seed app.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading inputs and writing outputs. Writing is all-or-nothing: files go to a temporary
/// folder beside the output folder first, then are renamed into place; after any failure the
/// output folder is as it was.
enum FileSystem {
    /// A file system problem is a diagnostic at the file or folder it is about.
    typealias Failure = Diagnostic

    enum Kind { case file, directory }

    /// What is at `path`, or nil when nothing is.
    static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// Whether `path` is a file or a symbolic link (not followed), something synth may move aside.
    static func isFileOrLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFREG || type == S_IFLNK
    }

    static func read(_ path: String) -> Result<[UInt8], Failure> {
        guard let kind = kind(of: path) else {
            return .failure(Diagnostic(.file(path), "file not found", hint: "create it or point to it with --config"))
        }
        if kind == .directory {
            return .failure(Diagnostic(.file(path), "is a folder, not a file", hint: "name a file"))
        }
        guard let bytes = contents(path) else {
            return .failure(Diagnostic(.file(path), "cannot be read", hint: "check its permissions"))
        }
        return .success(bytes)
    }

    /// The bytes of `path`, or nil when it does not exist or cannot be read.
    static func existingContents(_ path: String) -> [UInt8]? { contents(path) }

    /// The whole file, read into one buffer sized by fstat (and grown if the file grew since).
    private static func contents(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return readAll(descriptor, sizeHint: Int(info.st_size))
    }

    /// Everything left to read from `descriptor`, in one buffer of `sizeHint` bytes (grown if needed).
    private static func readAll(_ descriptor: Int32, sizeHint: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(sizeHint, 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// The current folder, as getcwd gives it.
    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        while getcwd(&buffer, buffer.count) == nil {
            guard errno == ERANGE else { return "." }
            buffer = [CChar](repeating: 0, count: buffer.count * 2)
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates `path` and any missing parent folders, as `mkdir -p` does.
    static func createDirectories(_ path: String) -> Bool {
        if let kind = kind(of: path) { return kind == .directory }
        let up = parent(of: path)
        if up != path, kind(of: up) == nil, !createDirectories(up) { return false }
        return mkdir(path, 0o777) == 0 || kind(of: path) == .directory
    }

    /// Removes `path`, and everything in it when it is a folder (symbolic links are not followed).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let folder = opendir(path) {
            var names: [String] = []
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(folder)
            for name in names { removeTree(FileSystemPath.join(path, name)) }
        }
        rmdir(path)
    }

    /// Whether anything, even a dangling symbolic link, is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// An absolute path with "." and ".." resolved, relative paths taken from the current folder.
    static func absolute(_ path: String) -> [String] {
        let base = path.hasPrefix("/") ? [] : currentDirectory().split(separator: "/").map(String.init)
        var parts = base
        for part in path.split(separator: "/").map(String.init) {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return parts
    }

    /// How to get from folder `from` to folder `to`, e.g. `..` from `templates` to the project.
    static func relative(from: String, to: String) -> String {
        let source = absolute(from)
        let target = absolute(to)
        var common = 0
        while common < source.count, common < target.count, source[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: source.count - common)
        let path = String.concatenating(ups + target[common...], separator: "/")
        return path.isEmpty ? "." : path
    }

    static func parent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Writes bytes to a new file in the staging folder. No fsync and no temporary file of its
    /// own: the folder is private to this run and the files are renamed into place afterwards.
    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return false }
            offset += written
        }
        // open() applies the umask; the deploy plan must stay executable whatever it is.
        return mode & creationMask == 0 || fchmod(descriptor, mode) == 0
    }

    /// The process's umask, read once (reading it means setting it, so it is set straight back).
    private static let creationMask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    static func mode(of file: RenderedFile) -> mode_t { file.executable ? 0o755 : 0o644 }

    /// Whether `path` is already a plain file with `file`'s bytes and mode, so writing it would
    /// change nothing: compared before anything is written, it spares a re-run that renders the
    /// same files every write and rename (and keeps their modification times).
    static func holds(_ file: RenderedFile, at path: String) -> Bool {
        // O_NOFOLLOW: a symbolic link is replaced by the file, never taken for it.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o7777 == mode(of: file),
            Int(info.st_size) == file.bytes.count
        else { return false }
        return readAll(descriptor, sizeHint: file.bytes.count) == file.bytes
    }

    /// Writes every file into `directory` and removes `stale` (names of files in it), or does
    /// nothing at all. `stale` are removed first, then `files` are moved in, in order. Files
    /// already as rendered are left alone.
    static func writeAtomically(_ files: [RenderedFile], removing stale: [String], into directory: String) -> Result<Void, Failure> {
        let existing = kind(of: directory)
        if let existing, existing != .directory {
            return .failure(Diagnostic(.file(directory), "exists and is not a folder", hint: "choose another --out"))
        }
        let changed = existing == nil ? files : files.filter { !holds($0, at: FileSystemPath.join(directory, $0.name)) }
        if changed.isEmpty && stale.isEmpty { return .success(()) }
        let parentDirectory = parent(of: directory)
        let baseName = directory.split(separator: "/").last.map(String.init) ?? "out"
        let staging = FileSystemPath.join(parentDirectory, ".\(baseName).synth-\(getpid())")
        let cannotStage = Diagnostic(
            .file(directory), "cannot create a temporary folder beside it", hint: "check that \(parentDirectory) exists and is writable")
        let cannotWrite = Diagnostic(.file(directory), "cannot write files beside it", hint: "check free space and permissions")
        if existing == nil {
            // A new folder is written whole beside it and renamed into place: one rename, all or nothing.
            guard createDirectories(staging) else {
                removeTree(staging)
                return .failure(cannotStage)
            }
            for file in changed where !writeFile(FileSystemPath.join(staging, file.name), file.bytes, mode: mode(of: file)) {
                removeTree(staging)
                return .failure(cannotWrite)
            }
            guard rename(staging, directory) == 0 else {
                removeTree(staging)
                return .failure(Diagnostic(.file(directory), "cannot be created", hint: "check the path and its permissions"))
            }
            return .success(())
        }
        // Two folders, so a new file and an old one kept for rollback never share a name.
        let newFiles = FileSystemPath.join(staging, "new")
        let previousFiles = FileSystemPath.join(staging, "previous")
        guard createDirectories(newFiles), createDirectories(previousFiles) else {
            removeTree(staging)
            return .failure(cannotStage)
        }
        defer { removeTree(staging) }
        for file in changed where !writeFile(FileSystemPath.join(newFiles, file.name), file.bytes, mode: mode(of: file)) {
            return .failure(cannotWrite)
        }
        // A folder where a rendered file goes is somebody's data: refuse rather than move it
        // aside and delete it with the staging folder.
        for file in changed where kind(of: FileSystemPath.join(directory, file.name)) == .directory {
            return .failure(
                Diagnostic(
                    .file(FileSystemPath.join(directory, file.name)), "is a folder, where synth writes a file",
                    hint: "move the folder elsewhere or choose another --out"))
        }
        // Move old files aside first, so a failure half-way can put every one of them back.
        var moved: [(target: String, previous: String?)] = []
        func rollBack() {
            for (target, previous) in moved.reversed() {
                if let previous { _ = rename(previous, target) } else { unlink(target) }
            }
        }
        for name in stale {
            let target = FileSystemPath.join(directory, name)
            let aside = FileSystemPath.join(previousFiles, name)
            guard rename(target, aside) == 0 else {
                rollBack()
                return .failure(Diagnostic(.file(target), "cannot be removed", hint: "check its permissions"))
            }
            moved.append((target, aside))
        }
        for file in changed {
            let target = FileSystemPath.join(directory, file.name)
            var previous: String?
            if exists(target) {
                let aside = FileSystemPath.join(previousFiles, file.name)
                guard rename(target, aside) == 0 else {
                    rollBack()
                    return .failure(Diagnostic(.file(target), "cannot be replaced", hint: "check its permissions"))
                }
                previous = aside
            }
            moved.append((target, previous))
            guard rename(FileSystemPath.join(newFiles, file.name), target) == 0 else {
                rollBack()
                return .failure(Diagnostic(.file(directory), "cannot be written", hint: "check its permissions"))
            }
        }
        return .success(())
    }
}

/// The output folder on disk, for the output stage.
struct DiskStore: FileStore {
    func contents(of path: String) -> [UInt8]? { FileSystem.existingContents(path) }
    func isFileOrLink(_ path: String) -> Bool { FileSystem.isFileOrLink(path) }
    func writeAtomically(_ files: [RenderedFile], removing: [String], into directory: String) -> Result<Void, Diagnostic> {
        FileSystem.writeAtomically(files, removing: removing, into: directory)
    }
}

/// libc's read(2), named apart from `FileSystem.read`.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
