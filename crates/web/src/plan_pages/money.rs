//! Baht as readers expect it: exact decimals with thousands separators ('1,250,000',
//! '2,500.50'), summed as decimals, never floats.

use rust_decimal::Decimal;

/// '1,250,000' for 1250000; '2,500.50' when there are satang.
pub fn baht(amount: Decimal) -> String {
    let amount = amount.normalize();
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let abs = amount.abs();
    let text = if abs.scale() == 0 {
        abs.to_string()
    } else {
        format!("{:.2}", abs.round_dp(2))
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn thousands_are_separated_and_satang_kept() {
        assert_eq!(baht(d("0")), "0");
        assert_eq!(baht(d("999")), "999");
        assert_eq!(baht(d("1000")), "1,000");
        assert_eq!(baht(d("1250000")), "1,250,000");
        assert_eq!(baht(d("2500.5")), "2,500.50");
        assert_eq!(baht(d("2.21")), "2.21");
        assert_eq!(baht(d("51000000.00")), "51,000,000");
        assert_eq!(baht(d("-1234")), "-1,234");
    }
}
