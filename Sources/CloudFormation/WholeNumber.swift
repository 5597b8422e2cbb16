/// Whole-number tests for `Double` that need nothing from libm. `Double.rounded()` and
/// `Int(exactly:)` compile to calls into it (`round`, `trunc`; unoptimised also `floor`, `ceil`
/// and `rint`), and on Linux a program that imports no Foundation is not linked against libm,
/// so it fails with "undefined reference to 'round'".
public enum WholeNumber {
    /// `value` as an `Int` when it has no fractional part and fits in one; nil otherwise.
    public static func exactly(_ value: Double) -> Int? {
        // Outside [-2^63, 2^63) no Int holds it, and `Int(_:)` would trap (NaN fails both tests).
        guard value >= -0x1p63, value < 0x1p63 else { return nil }
        // A truncating conversion is a single instruction, not a libm call.
        let truncated = Int(value)
        return Double(truncated) == value ? truncated : nil
    }
}
