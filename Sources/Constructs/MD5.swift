/// MD5 (RFC 1321), written out so the package needs no crypto dependency.
///
/// Used only to derive the AWS CDK's logical-ID hashes, never for security.
public enum MD5 {
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// floor(abs(sin(i + 1)) * 2^32), as tabulated in RFC 1321.
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]

    /// The message word each of the 64 steps adds: `step` in round 1, then `5 * step + 1`,
    /// `3 * step + 5` and `7 * step`, modulo 16.
    private static let wordIndices: [Int] = (0..<64).map { step in
        switch step {
        case 0..<16: return step
        case 16..<32: return (5 * step + 1) % 16
        case 32..<48: return (3 * step + 5) % 16
        default: return (7 * step) % 16
        }
    }

    /// The 16-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest(of: $0) }
    }

    private static func digest(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        // The whole 64-byte blocks straight from the message, then the rest padded: 0x80, zeros
        // up to 56 bytes mod 64, then the bit length (LE), in one block or two.
        let whole = bytes.count / 64 * 64
        if let base = bytes.baseAddress {
            for block in stride(from: 0, to: whole, by: 64) { compress(base + block, into: &state) }
        }
        let rest = bytes.count - whole
        let paddedLength = ((rest + 8) / 64 + 1) * 64
        var tail = [UInt8](repeating: 0, count: paddedLength)
        for index in 0..<rest { tail[index] = bytes[whole + index] }
        tail[rest] = 0x80
        let bitLength = UInt64(bytes.count) &* 8
        for index in 0..<8 { tail[paddedLength - 8 + index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index))) }
        tail.withUnsafeBufferPointer { tail in
            for block in stride(from: 0, to: paddedLength, by: 64) { compress(tail.baseAddress! + block, into: &state) }
        }
        var result = [UInt8](repeating: 0, count: 16)
        for (position, word) in [state.0, state.1, state.2, state.3].enumerated() {
            for index in 0..<4 { result[position * 4 + index] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(index))) }
        }
        return result
    }

    /// One 64-byte block into the running state: four rounds of 16 steps, each round with its
    /// own mixing function (no per-step switch: a few megabytes of job list are hashed).
    private static func compress(_ block: UnsafePointer<UInt8>, into state: inout (UInt32, UInt32, UInt32, UInt32)) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { words in
            for index in 0..<16 {
                let base = block + index * 4
                words[index] = UInt32(base[0]) | UInt32(base[1]) << 8 | UInt32(base[2]) << 16 | UInt32(base[3]) << 24
            }
            var (a, b, c, d) = state
            constants.withUnsafeBufferPointer { constants in
                shifts.withUnsafeBufferPointer { shifts in
                    wordIndices.withUnsafeBufferPointer { wordIndices in
                        @inline(__always) func step(_ step: Int, _ mixed: UInt32) {
                            let f = mixed &+ a &+ constants[step] &+ words[wordIndices[step]]
                            a = d
                            d = c
                            c = b
                            b = b &+ ((f << shifts[step]) | (f >> (32 - shifts[step])))
                        }
                        for index in 0..<16 { step(index, (b & c) | (~b & d)) }
                        for index in 16..<32 { step(index, (d & b) | (~d & c)) }
                        for index in 32..<48 { step(index, b ^ c ^ d) }
                        for index in 48..<64 { step(index, c ^ (b | ~d)) }
                    }
                }
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
        }
    }

    /// The digest as lower-case hex.
    public static func hex(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { digest(of: $0) }, upperCase: false)
    }

    /// `bytes` as hex, two digits a byte, made as bytes rather than `Character` by `Character`.
    static func hex(_ bytes: some Collection<UInt8>, upperCase: Bool) -> String {
        let digits: StaticString = upperCase ? "0123456789ABCDEF" : "0123456789abcdef"
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        digits.withUTF8Buffer { digits in
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
