import CloudFormation
import Constructs

/// Where the output folder is read and written: the `synth` executable's file system (libc),
/// or a test's dictionary. Writing is all or nothing.
public protocol FileStore {
    /// The bytes at `path`, or nil when there is no readable file.
    func contents(of path: String) -> [UInt8]?
    /// Whether `path` is a file or a symbolic link (not followed): something synth may replace.
    func isFileOrLink(_ path: String) -> Bool
    /// Writes `files` into `directory` and removes `removing` from it, all or nothing.
    func writeAtomically(_ files: [RenderedFile], removing: [String], into directory: String) -> Result<Void, Diagnostic>
}

/// Stage 8: the output folder brought up to date, or compared with what synth renders.
public enum OutputStage {
    /// Files the manifest in `directory` lists that `output` no longer has, sorted.
    public static func noLongerRendered(_ output: SerializedOutput, in directory: String, store: FileStore) -> [String] {
        OutputManifest.noLongerRendered(in: directory, rendering: output.owned, store: store)
    }

    /// Every file of `directory` that is missing, out of date, or no longer rendered; none when
    /// the folder is current.
    public static func check(_ output: SerializedOutput, in directory: String, store: FileStore) -> [Diagnostic] {
        var stale: [Diagnostic] = []
        for file in output.owned {
            let path = FileSystemPath.join(directory, file.name)
            guard let existing = store.contents(of: path) else {
                stale.append(Diagnostic(.file(path), "missing", hint: "run swift run synth to update it"))
                continue
            }
            if existing != file.bytes {
                stale.append(Diagnostic(.file(path), "out of date", hint: "run swift run synth to update it"))
            }
        }
        for name in noLongerRendered(output, in: directory, store: store) {
            stale.append(Diagnostic(.file(FileSystemPath.join(directory, name)), "no longer rendered", hint: "run swift run synth to remove it"))
        }
        return stale
    }

    /// Writes every file and the manifest, removing what synth wrote before and no longer
    /// renders; returns the names removed.
    public static func write(_ output: SerializedOutput, into directory: String, store: FileStore) -> Result<[String], Diagnostic> {
        let removed = noLongerRendered(output, in: directory, store: store)
        return store.writeAtomically(output.owned, removing: removed, into: directory).map { removed }
    }
}

/// `.synth-manifest` in the output folder: the names of the files synth wrote there, one per
/// line, sorted. It is what synth owns in the folder: a file it names that synth no longer
/// renders is removed (or, with `--check`, reported), and a file it does not name is never touched.
public enum OutputManifest {
    public static let fileName = ".synth-manifest"

    /// The manifest for a render, written together with the rendered files.
    public static func file(listing files: [RenderedFile]) -> RenderedFile {
        let names = files.map(\.name).sorted()
        return RenderedFile(name: fileName, contents: names.isEmpty ? "" : .concatenating(names, separator: "\n") + "\n")
    }

    /// The file names a manifest lists. Only plain names in the folder count: an entry with a
    /// "/" or "..", or the manifest itself, is nothing synth wrote, and following it could reach
    /// outside the folder, so it is ignored (and gone from the manifest synth writes next).
    public static func names(in bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter(isPlainFileName)
    }

    public static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name != fileName && !name.contains("/") && !name.contains("\0")
    }

    /// Files in `directory` that its manifest lists and `files` no longer has, sorted. Without a
    /// manifest (a folder synth wrote before it kept one) nothing is stale: synth cannot tell its
    /// own files from anyone else's.
    static func noLongerRendered(in directory: String, rendering files: [RenderedFile], store: FileStore) -> [String] {
        guard let manifest = store.contents(of: FileSystemPath.join(directory, fileName)) else { return [] }
        let rendered = Set(files.map(\.name))
        return Set(names(in: manifest)).subtracting(rendered).sorted()
            .filter { store.isFileOrLink(FileSystemPath.join(directory, $0)) }
    }
}
