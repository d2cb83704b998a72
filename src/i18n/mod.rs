//! The message catalogue: every user-facing string, in Bahasa Indonesia (the default) and English.
//! The texts live in `id.txt` and `en.txt` beside this file (`key = text`, one per line) and are
//! compiled in; a test checks both hold the same keys and that every key the code and templates
//! use exists.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "id" => Some(Self::Id),
            "en" => Some(Self::En),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::En => "en",
        }
    }
    pub fn other(self) -> Self {
        match self {
            Self::Id => Self::En,
            Self::En => Self::Id,
        }
    }
}

const ID: &str = include_str!("id.txt");
const EN: &str = include_str!("en.txt");

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v))
        .collect()
}

static CATALOGUES: LazyLock<[HashMap<&'static str, &'static str>; 2]> =
    LazyLock::new(|| [parse(ID), parse(EN)]);

/// Translator handed to every template: `{{ t.t("home.title") }}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message for `key`; the key itself if missing (a test keeps that from shipping).
    pub fn t<'k>(&self, key: &'k str) -> &'k str
    where
        'static: 'k,
    {
        let idx = match self.lang {
            Lang::Id => 0,
            Lang::En => 1,
        };
        CATALOGUES[idx].get(key).copied().unwrap_or(key)
    }

    /// The message for `key` with `{arg}` filled in.
    pub fn f(&self, key: &str, arg: &str) -> String {
        self.t(key).replace("{arg}", arg)
    }

    /// A code's label: the catalogue's `<family>.<stored name>` (`label("state", s)`).
    pub fn label<C: crate::domain::code::Code>(&self, family: &str, value: C) -> String {
        self.t(&format!("{family}.{}", value.as_str())).to_owned()
    }

    /// Picks the Indonesian or English variant of a data value (catalogue names).
    pub fn pick<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The code of the language the switch offers.
    pub fn other_code(&self) -> &'static str {
        self.lang.other().code()
    }
}

#[cfg(test)]
mod tests;
