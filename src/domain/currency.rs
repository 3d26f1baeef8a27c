//! The currency codes tiercrm accepts: the active ISO 4217 codes, so a typo cannot become a "currency".

use super::Invalid;

/// The active ISO 4217 currency codes (funds, precious metals and test codes left out), sorted.
pub const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// Everyday names that are not the code, with the code they mean.
const ALIASES: &[(&str, &str)] = &[("RMB", "CNY"), ("NTD", "TWD"), ("YEN", "JPY"), ("YUAN", "CNY")];

/// The ISO 4217 code `text` names (`usd` → `USD`); anything else is refused, saying which codes are known.
pub fn parse(field: &str, text: &str) -> Result<&'static str, Invalid> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    if let Some(code) = CODES.iter().find(|c| **c == upper) {
        return Ok(code);
    }
    if let Some((_, code)) = ALIASES.iter().find(|(alias, _)| *alias == upper) {
        return Err(Invalid::new(
            field,
            format!("'{t}' is not an ISO 4217 code; write {code}"),
        ));
    }
    Err(Invalid::new(
        field,
        format!(
            "'{t}' is not an ISO 4217 currency code tiercrm knows (such as CNY, USD, EUR); known: {}",
            CODES.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_in_any_case_and_nothing_else() {
        assert_eq!(parse("currency", "CNY").unwrap(), "CNY");
        assert_eq!(parse("currency", " usd ").unwrap(), "USD");
        for code in ["EUR", "JPY", "GBP", "HKD", "TWD", "KRW", "SGD", "CHF", "INR"] {
            assert_eq!(parse("currency", code).unwrap(), code);
        }
        let e = parse("currency", "XYZ").unwrap_err();
        assert_eq!(e.field, "currency");
        assert!(
            e.reason.starts_with("'XYZ' is not an ISO 4217 currency code"),
            "{}",
            e.reason
        );
        assert!(
            e.reason.contains("AED, AFN") && e.reason.contains("CNY"),
            "{}",
            e.reason
        );
        for bad in ["", "US", "DOLLAR", "¥", "XAU"] {
            assert!(parse("currency", bad).is_err(), "{bad}");
        }
        assert!(parse("currency", "rmb").unwrap_err().reason.contains("write CNY"));
    }

    #[test]
    fn the_list_is_sorted_three_letter_codes() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            CODES
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }
}
