/// Joining paths as text, so the deploy plan can name files relative to itself.
public enum FileSystemPath {
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
