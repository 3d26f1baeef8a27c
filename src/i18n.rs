//! Interface strings by key, from `assets/locales/{en,zh}.toml`, with `{name}` placeholders.

use std::collections::HashMap;

const EN: &str = include_str!("../assets/locales/en.toml");
const ZH: &str = include_str!("../assets/locales/zh.toml");

/// The strings of one language.
#[derive(Debug, Clone)]
pub struct I18n {
    lang: &'static str,
    strings: HashMap<String, String>,
}

/// The English strings, for what scripts and the history read (stable whatever the interface speaks).
pub fn english() -> &'static I18n {
    static EN_STRINGS: std::sync::OnceLock<I18n> = std::sync::OnceLock::new();
    EN_STRINGS.get_or_init(|| I18n::new("en"))
}

/// The Chinese strings, for matching what a Chinese user types against closed sets.
pub fn chinese() -> &'static I18n {
    static ZH_STRINGS: std::sync::OnceLock<I18n> = std::sync::OnceLock::new();
    ZH_STRINGS.get_or_init(|| I18n::new("zh"))
}

impl I18n {
    /// Loads `lang` ("en" or "zh"; anything else is English).
    pub fn new(lang: &str) -> I18n {
        let (lang, text) = if lang == "zh" { ("zh", ZH) } else { ("en", EN) };
        let strings: HashMap<String, String> = toml::from_str(text).unwrap_or_default();
        I18n { lang, strings }
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The string for `key`; the key itself when missing, so a gap shows instead of vanishing.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The string for `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// Every key that starts with `prefix`, sorted (a family of strings such as `cause.*`).
    pub fn keys_with(&self, prefix: &str) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .strings
            .keys()
            .map(String::as_str)
            .filter(|k| k.starts_with(prefix))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// The string for `key` with `{name}` placeholders filled.
    /// One pass over the template: a value holding `{name}` (text from data) is never filled in turn.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.t(key);
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let filled = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close))
            });
            match filled {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key_and_the_same_placeholders() {
        let en: HashMap<String, String> = toml::from_str(EN).unwrap();
        let zh: HashMap<String, String> = toml::from_str(ZH).unwrap();
        let mut keys: Vec<&String> = en.keys().collect();
        keys.sort();
        for k in keys {
            let z = zh.get(k).unwrap_or_else(|| panic!("zh.toml lacks {k}"));
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|x| x.0.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(&en[k]), holes(z), "placeholders of {k}");
        }
        assert_eq!(en.len(), zh.len(), "zh.toml has keys en.toml lacks");
    }

    #[test]
    fn a_filled_value_is_not_filled_again() {
        let en = I18n::new("en");
        assert_eq!(
            en.f("status.saved", &[("what", "{what} and {name}")]),
            "Saved {what} and {name}."
        );
    }

    #[test]
    fn lookup_and_placeholders() {
        let zh = I18n::new("zh");
        assert_eq!(zh.t("tab.customers"), "客户");
        assert_eq!(zh.f("list.count", &[("shown", "3"), ("total", "10")]), "3 / 10");
        let en = I18n::new("fr");
        assert_eq!(en.lang(), "en");
        assert_eq!(en.t("no.such.key"), "no.such.key");
    }
}
