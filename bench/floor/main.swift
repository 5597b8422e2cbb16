// The floor bench/run and bench/instructions hold synth against: a bare Swift process, built
// like synth (release, -static-executable), that writes one small file and exits. Whatever
// synth costs beyond this is synth's own work.
//
//   floor OUT_FILE
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "floor.json"
let bytes = Array("{\n  \"floor\": true\n}\n".utf8)
let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
guard descriptor >= 0 else { exit(1) }
let written = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
close(descriptor)
exit(written == bytes.count ? 0 : 1)
