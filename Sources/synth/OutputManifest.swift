import CrossAccountGlue

/// `.synth-manifest` in `--out`: the names of the files synth wrote there, one per line, sorted.
/// It is what synth owns in the folder: a file it names that synth no longer renders is removed
/// (or, with `--check`, reported), and a file it does not name is never touched.
enum OutputManifest {
    static let fileName = ".synth-manifest"

    /// The manifest for a render, written together with the rendered files.
    static func file(listing files: [RenderedFile]) -> RenderedFile {
        RenderedFile(name: fileName, contents: files.map(\.name).sorted().map { $0 + "\n" }.joined())
    }

    /// The file names a manifest lists. Only plain names in the folder count: an entry with a
    /// "/" or "..", or the manifest itself, is nothing synth wrote, and following it could reach
    /// outside `--out`, so it is ignored (and gone from the manifest synth writes next).
    static func names(in bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter(isPlainFileName)
    }

    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name != fileName && !name.contains("/") && !name.contains("\0")
    }

    /// Files in `directory` that its manifest lists and `files` no longer has, sorted. Without a
    /// manifest (a folder synth wrote before it kept one) nothing is stale: synth cannot tell its
    /// own files from anyone else's.
    static func noLongerRendered(in directory: String, rendering files: [RenderedFile]) -> [String] {
        guard let manifest = FileSystem.existingContents(FileSystemPath.join(directory, fileName)) else { return [] }
        let rendered = Set(files.map(\.name))
        return Set(names(in: manifest)).subtracting(rendered).sorted()
            .filter { FileSystem.isFileOrLink(FileSystemPath.join(directory, $0)) }
    }
}
