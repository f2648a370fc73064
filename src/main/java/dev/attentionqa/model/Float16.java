package dev.attentionqa.model;

/**
 * IEEE 754 binary16 ↔ binary32. Java 17 has no {@code Float.float16ToFloat}/{@code floatToFloat16} (added in 20),
 * and the shipped weights are stored as float16 to halve the jar; {@code Float16Test} checks all 65,536 values.
 */
public final class Float16 {

    private Float16() {
    }

    /** The float a half-precision bit pattern stands for (exact: every half is a float). */
    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa × 2^-24, exact in float
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The nearest half (ties to even), ±infinity beyond its range, NaN kept NaN. */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xff;
        int mantissa = f & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 112; // rebias 127 → 15
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: ±0
            }
            int m = mantissa | 0x800000; // implicit leading 1
            int shift = 14 - e;
            return (short) (sign | roundShift(m, shift));
        }
        // normal: the carry of rounding may step into the exponent, which is the right result
        return (short) (sign | roundShift((e << 23) | mantissa, 13));
    }

    /** {@code value >>> shift}, rounded to nearest, ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }
}
