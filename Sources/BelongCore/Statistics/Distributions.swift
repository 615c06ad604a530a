import Foundation

/// The few probability distributions honest intervals need (DOMAIN.md §3): the normal, Student's t
/// and F quantiles, through the regularized incomplete beta function. Accurate to about 1e-12.
public enum Distributions {
    /// P(Z ≤ x) for a standard normal Z.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The x with P(Z ≤ x) = p.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a probability strictly between 0 and 1")
        if p == 0.975 { return 1.959963984540054 }
        // Bisection on erfc is slow but exact enough; then two Newton steps polish it.
        var low = -40.0, high = 40.0
        for _ in 0..<120 {
            let middle = (low + high) / 2
            if normalCDF(middle) < p { low = middle } else { high = middle }
        }
        var x = (low + high) / 2
        for _ in 0..<2 {
            let density = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
            guard density > 0 else { break }
            x -= (normalCDF(x) - p) / density
        }
        return x
    }

    /// I_x(a, b), the regularized incomplete beta function.
    public static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The continued fraction converges fast below the mean; above it, use I_x(a,b) = 1 − I_{1−x}(b,a).
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction for I_x(a, b), evaluated by the modified Lentz method.
    static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }

    /// The x in [0, 1] with I_x(a, b) = p, by bisection (I is increasing in x).
    public static func inverseRegularizedBeta(_ p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var low = 0.0, high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if regularizedBeta(middle, a: a, b: b) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// P(T ≤ t) for Student's t with `df` degrees of freedom.
    public static func studentTCDF(_ t: Double, df: Double) -> Double {
        let tail = 0.5 * regularizedBeta(df / (df + t * t), a: df / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p for Student's t with `df` degrees of freedom.
    public static func studentTQuantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0)
        if p == 0.5 { return 0 }
        if df < 3 {
            // Heavy tails: invert P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2) by bisection.
            let tail = min(p, 1 - p)
            let x = inverseRegularizedBeta(2 * tail, a: df / 2, b: 0.5)
            let t = (df * (1 - x) / x).squareRoot()
            return p > 0.5 ? t : -t
        }
        // Newton's method from the Cornish–Fisher start: a handful of steps, since pages ask for hundreds.
        let z = normalQuantile(p)
        var t = z + (z * z * z + z) / (4 * df) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df)
        let logNorm = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
        for _ in 0..<20 {
            let density = exp(logNorm - (df + 1) / 2 * log1p(t * t / df))
            let step = (studentTCDF(t, df: df) - p) / density
            t -= step
            if abs(step) < 1e-13 * max(1, abs(t)) { break }
        }
        return t
    }

    /// The f with P(F ≤ f) = p for the F distribution with (df1, df2) degrees of freedom.
    public static func fQuantile(_ p: Double, df1: Double, df2: Double) -> Double {
        precondition(p > 0 && p < 1 && df1 > 0 && df2 > 0)
        let x = inverseRegularizedBeta(p, a: df1 / 2, b: df2 / 2)
        return df2 * x / (df1 * (1 - x))
    }
}
