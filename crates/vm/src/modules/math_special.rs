//! `math.gamma` and `math.lgamma` with CPython's own method (it does not call the C
//! library for these), so that results agree to the last bit: a Lanczos approximation
//! (N = 13, g = 6.024680040776729583740234375, Boost's parameters) evaluated as a rational
//! function, a first-order correction for the rounding of `x + g - 0.5`, an accurate
//! `sin(pi*x)` for the reflection formula, and a table for small integers. Domain and range
//! errors are decided by the caller (`math.rs`).

#![allow(clippy::excessive_precision)]

use std::f64::consts::PI;
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;
const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;

/// The numerator of the Lanczos sum as a polynomial (lowest degree first).
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

/// Its denominator, x(x+1)...(x+11), expanded.
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// Gamma of 1, 2, ..., 23: exact in doubles.
const GAMMA_OF_INTEGERS: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// `sin(pi * x)` for finite `x`, exact at integers and half-integers: reduce to [0, 2) and
/// pick the octant's sine or cosine form.
fn sin_pi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let octant = (2.0 * y).round() as i32;
    let r = match octant {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        // sin(pi*(1-y)), not -sin(pi*(y-1)): +0.0 at y == 1.
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

/// The Lanczos sum for `x > 0`; in powers of 1/x past 5 to avoid overflow.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// Gamma(x); NaN for the domain errors (negative integers, -inf), ±inf at ±0.
pub fn gamma(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { x } else { f64::NAN };
    }
    if x == 0.0 {
        return f64::INFINITY.copysign(x);
    }
    if x == x.floor() {
        if x < 0.0 {
            return f64::NAN;
        }
        if x <= 23.0 {
            return GAMMA_OF_INTEGERS[x as usize - 1];
        }
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return 1.0 / x;
    }
    if ax > 200.0 {
        return if x < 0.0 {
            0.0 / sin_pi(x)
        } else {
            f64::INFINITY
        };
    }
    let y = ax + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, scaled: the first-order correction term.
    let err = if ax > LANCZOS_G_MINUS_HALF {
        (y - ax) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - ax
    };
    let z = err * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sin_pi(ax) / ax * y.exp() / lanczos_sum(ax);
        r -= z * r;
        if ax < 140.0 {
            r /= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r /= half;
            r /= half;
        }
    } else {
        r = lanczos_sum(ax) / y.exp();
        r += z * r;
        if ax < 140.0 {
            r *= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r *= half;
            r *= half;
        }
    }
    r
}

/// log|Gamma(x)|; +inf at the poles (non-positive integers), which the caller reports.
pub fn lgamma(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() { x } else { f64::INFINITY };
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { f64::INFINITY } else { 0.0 };
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return -ax.ln();
    }
    let mut r = lanczos_sum(ax).ln() - LANCZOS_G;
    r += (ax - 0.5) * ((ax + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sin_pi(ax).abs().ln() - ax.ln() - r;
    }
    r
}
