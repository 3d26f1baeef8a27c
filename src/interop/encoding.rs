//! Decoding files from other programs: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK from Excel.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

fn line_at(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Decodes `bytes`. With `label` (utf-8, gbk, gb18030, big5, utf-16le, latin1 …) that encoding is required;
/// without it, a BOM decides, else valid UTF-8, else GB18030. Errors name the file and the first bad line.
pub fn decode(file: &str, bytes: &[u8], label: Option<&str>) -> Result<Decoded, String> {
    if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| format!("{file}: --encoding '{label}' is not an encoding I know (try utf-8, gbk, gb18030, big5, utf-16le, latin1)"))?;
        let (body, enc) = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc || (enc == UTF_8 && bom_enc == UTF_8) => (&bytes[len..], enc),
            _ => (bytes, enc),
        };
        return strict(file, body, enc);
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return strict(file, &bytes[len..], enc);
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Decoded {
            text: t.to_string(),
            encoding: UTF_8.name(),
        }),
        Err(utf8_err) => strict(file, bytes, GB18030).map_err(|_| {
            format!(
                "{file}: line {}: not valid UTF-8, and not GB18030 either; name the encoding with --encoding",
                line_at(bytes, utf8_err.valid_up_to())
            )
        }),
    }
}

fn strict(file: &str, bytes: &[u8], enc: &'static Encoding) -> Result<Decoded, String> {
    if enc == UTF_16LE || enc == UTF_16BE || enc == UTF_8 {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            let first_bad = text.find('\u{FFFD}').map_or(1, |p| text[..p].matches('\n').count() + 1);
            return Err(format!("{file}: line {first_bad}: not valid {}", enc.name()));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        }),
        None => {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            let first_bad = text.find('\u{FFFD}').map_or(1, |p| text[..p].matches('\n').count() + 1);
            Err(format!("{file}: line {first_bad}: not valid {}", enc.name()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("a.csv", "姓名\n王芳\n".as_bytes(), None).unwrap().text,
            "姓名\n王芳\n"
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("name\n".as_bytes());
        let d = decode("a.csv", &bom, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("name\n", "UTF-8"));
    }

    #[test]
    fn gbk_from_excel_is_detected() {
        let (bytes, _, _) = GB18030.encode("姓名,电话\n王芳,13800138000\n");
        let d = decode("a.csv", &bytes, None).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("姓名,电话"));
        assert_eq!(decode("a.csv", &bytes, Some("gbk")).unwrap().text, d.text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "name\nAnn\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("a.csv", &bytes, None).unwrap().text, "name\nAnn\n");
    }

    #[test]
    fn wrong_encoding_names_the_line() {
        let e = decode("a.csv", b"name\nok\n\xff\xfe\xfd bad\n", Some("utf-8")).unwrap_err();
        assert_eq!(e, "a.csv: line 3: not valid UTF-8");
        let e = decode("a.csv", b"x", Some("klingon")).unwrap_err();
        assert!(e.contains("not an encoding"), "{e}");
    }
}
