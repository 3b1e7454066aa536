//! Baht in words, as cheques, receipts and budget forms write an amount: 1234 ->
//! 'หนึ่งพันสองร้อยสามสิบสี่บาทถ้วน', 2.21 -> 'สองบาทยี่สิบเอ็ดสตางค์'.

use rust_decimal::{Decimal, RoundingStrategy};

const DIGITS: [&str; 10] = [
    "ศูนย์",
    "หนึ่ง",
    "สอง",
    "สาม",
    "สี่",
    "ห้า",
    "หก",
    "เจ็ด",
    "แปด",
    "เก้า",
];

/// The place names of the six digits of a group below a million, units first.
const PLACES: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

const MILLION: u128 = 1_000_000;

/// An amount of baht in Thai words. Satang are rounded half away from zero to two places; a
/// negative amount starts with 'ลบ'. No satang ends in 'บาทถ้วน'; no baht reads the satang
/// alone ('ห้าสิบสตางค์').
pub fn baht_text(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "ลบ"
    } else {
        ""
    };
    let abs = rounded.abs();
    let baht = abs.trunc();
    let satang = ((abs - baht) * Decimal::ONE_HUNDRED).trunc();
    // Decimal holds at most 96 bits, so both fit in u128.
    let baht = u128::try_from(baht).unwrap_or(0);
    let satang = u128::try_from(satang).unwrap_or(0);
    let mut out = String::from(sign);
    if baht > 0 || satang == 0 {
        out.push_str(&number_text(baht));
        out.push_str("บาท");
    }
    if satang == 0 {
        out.push_str("ถ้วน");
    } else {
        out.push_str(&number_text(satang));
        out.push_str("สตางค์");
    }
    out
}

/// A whole number in Thai words: 0 'ศูนย์', 11 'สิบเอ็ด', 21 'ยี่สิบเอ็ด', 1000001
/// 'หนึ่งล้านเอ็ด'.
pub fn number_text(n: u128) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut out = String::new();
    if n >= MILLION {
        out.push_str(&number_text(n / MILLION));
        out.push_str("ล้าน");
    }
    group_text(n % MILLION, n >= MILLION, &mut out);
    out
}

/// Words for `n` below a million; `has_higher` says digits above this group are written, so a
/// final one reads 'เอ็ด' ('หนึ่งล้านเอ็ด').
fn group_text(n: u128, has_higher: bool, out: &mut String) {
    let digits: Vec<usize> = (0..6)
        .map(|p| ((n / 10u128.pow(p)) % 10) as usize)
        .collect();
    for place in (0..6).rev() {
        let d = digits[place];
        if d == 0 {
            continue;
        }
        match (place, d) {
            (1, 1) => {}
            (1, 2) => out.push_str("ยี่"),
            (0, 1) if has_higher || n >= 10 => out.push_str("เอ็ด"),
            _ => out.push_str(DIGITS[d]),
        }
        if !(place == 0 && d == 1 && (has_higher || n >= 10)) {
            out.push_str(PLACES[place]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amounts_read_as_forms_write_them() {
        assert_eq!(baht_text(d("1234")), "หนึ่งพันสองร้อยสามสิบสี่บาทถ้วน");
        assert_eq!(baht_text(d("2.21")), "สองบาทยี่สิบเอ็ดสตางค์");
        assert_eq!(baht_text(d("10050")), "หนึ่งหมื่นห้าสิบบาทถ้วน");
        assert_eq!(baht_text(d("0")), "ศูนย์บาทถ้วน");
        assert_eq!(baht_text(d("0.50")), "ห้าสิบสตางค์");
        assert_eq!(baht_text(d("11")), "สิบเอ็ดบาทถ้วน");
        assert_eq!(baht_text(d("21")), "ยี่สิบเอ็ดบาทถ้วน");
        assert_eq!(baht_text(d("101")), "หนึ่งร้อยเอ็ดบาทถ้วน");
        assert_eq!(baht_text(d("1")), "หนึ่งบาทถ้วน");
        assert_eq!(baht_text(d("1.01")), "หนึ่งบาทหนึ่งสตางค์");
        assert_eq!(baht_text(d("1000000")), "หนึ่งล้านบาทถ้วน");
        assert_eq!(baht_text(d("1000001")), "หนึ่งล้านเอ็ดบาทถ้วน");
        assert_eq!(baht_text(d("21000000")), "ยี่สิบเอ็ดล้านบาทถ้วน");
        assert_eq!(baht_text(d("51250000")), "ห้าสิบเอ็ดล้านสองแสนห้าหมื่นบาทถ้วน");
        assert_eq!(baht_text(d("1000000000000")), "หนึ่งล้านล้านบาทถ้วน");
        assert_eq!(baht_text(d("-5")), "ลบห้าบาทถ้วน");
        assert_eq!(baht_text(d("0.005")), "หนึ่งสตางค์", "half a satang rounds up");
    }

    /// Reads Thai number words back, the way a person checks a cheque.
    fn read_number(words: &str) -> u128 {
        if let Some((high, low)) = words.rsplit_once("ล้าน") {
            return read_number(high) * MILLION + if low.is_empty() { 0 } else { read_number(low) };
        }
        let mut rest = words;
        let mut total = 0u128;
        let mut pending: Option<u128> = None;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("ยี่") {
                pending = Some(2);
                rest = r;
                continue;
            }
            if let Some(r) = rest.strip_prefix("เอ็ด") {
                total += 1;
                rest = r;
                continue;
            }
            if let Some((value, r)) = DIGITS
                .iter()
                .enumerate()
                .find_map(|(v, w)| rest.strip_prefix(w).map(|r| (v as u128, r)))
            {
                pending = Some(value);
                rest = r;
                continue;
            }
            let (place, r) = PLACES
                .iter()
                .enumerate()
                .skip(1)
                .find_map(|(p, w)| rest.strip_prefix(w).map(|r| (p as u32, r)))
                .unwrap_or_else(|| panic!("unknown word at {rest:?} in {words:?}"));
            total += pending.take().unwrap_or(1) * 10u128.pow(place);
            rest = r;
        }
        total + pending.unwrap_or(0)
    }

    fn read_baht(text: &str) -> Decimal {
        let (baht, satang) = match text.split_once("บาท") {
            Some((b, "ถ้วน")) => (read_number(b), 0),
            Some((b, s)) => (read_number(b), read_number(s.trim_end_matches("สตางค์"))),
            None => (0, read_number(text.trim_end_matches("สตางค์"))),
        };
        Decimal::from(baht) + Decimal::new(satang as i64, 2)
    }

    proptest! {
        #[test]
        fn words_read_back_as_the_amount(baht in 0u64..10_000_000_000_000, satang in 0u32..100) {
            let amount = Decimal::from(baht) + Decimal::new(i64::from(satang), 2);
            let words = baht_text(amount);
            prop_assert_eq!(read_baht(&words), amount, "{}", words);
            prop_assert_eq!(words.ends_with("ถ้วน"), satang == 0);
            prop_assert!(!words.contains("หนึ่งสิบ") && !words.contains("สองสิบ"), "{}", words);
            prop_assert!(!words.starts_with("เอ็ด"), "{}", words);
            prop_assert!(!words.contains("ศูนย์") || amount.is_zero(), "{}", words);
        }
    }
}
