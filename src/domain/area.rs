//! Indonesian administrative areas as agencies: display names, search keys and time zones.

use chrono::FixedOffset;

/// Indonesia's three time zones; none observes daylight saving, so a fixed offset is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeZone {
    Wib,
    Wita,
    Wit,
}

impl TimeZone {
    /// The zone of a province, by its Kemendagri code (see data/idn-area/README.md).
    pub fn of_province(code: &str) -> Option<Self> {
        match code {
            "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "21" | "31" | "32"
            | "33" | "34" | "35" | "36" | "61" | "62" => Some(Self::Wib),
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => {
                Some(Self::Wita)
            }
            "81" | "82" | "91" | "92" | "93" | "94" | "95" | "96" | "97" => Some(Self::Wit),
            _ => None,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "WIB" => Some(Self::Wib),
            "WITA" => Some(Self::Wita),
            "WIT" => Some(Self::Wit),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Wib => "WIB",
            Self::Wita => "WITA",
            Self::Wit => "WIT",
        }
    }

    /// How far local time is ahead of UTC.
    pub fn shift(self) -> chrono::Duration {
        chrono::Duration::seconds(i64::from(self.offset().local_minus_utc()))
    }

    /// A UTC time as the zone's wall-clock time.
    pub fn local(self, utc: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
        utc + self.shift()
    }

    /// A UTC time as the zone's local date and time, with the zone ("05-03-2024 14:30 WITA"):
    /// how every page and email shows a time.
    pub fn display(self, utc: chrono::NaiveDateTime) -> String {
        format!(
            "{} {}",
            self.local(utc).format("%d-%m-%Y %H:%M"),
            self.code()
        )
    }

    /// "Today" for date checks at `now` (UTC): the calendar date in Indonesia's easternmost
    /// zone (WIT), so no one anywhere in the country is told that today's date is in the future.
    pub fn today_everywhere(now: chrono::NaiveDateTime) -> chrono::NaiveDate {
        Self::Wit.local(now).date()
    }

    pub fn offset(self) -> FixedOffset {
        match self {
            Self::Wib => WIB,
            Self::Wita => WITA,
            Self::Wit => WIT,
        }
    }
}

const fn hours(h: i32) -> FixedOffset {
    match FixedOffset::east_opt(h * 3600) {
        Some(o) => o,
        None => panic!("offset out of range"), // evaluated at compile time only
    }
}
const WIB: FixedOffset = hours(7);
const WITA: FixedOffset = hours(8);
const WIT: FixedOffset = hours(9);

/// Title-cases an upper-case area name ("KOTA PALANGKARAYA" → "Kota Palangkaraya"), keeping the
/// acronyms that are written in capitals ("DKI Jakarta").
pub fn title_case(upper: &str) -> String {
    upper
        .split_whitespace()
        .map(|w| match w {
            "DKI" | "DI" => w.to_owned(),
            _ => {
                let lower = w.to_lowercase();
                let mut out = String::with_capacity(lower.len());
                let mut at_start = true;
                for c in lower.chars() {
                    if at_start && c.is_alphabetic() {
                        out.extend(c.to_uppercase());
                        at_start = false;
                    } else {
                        out.push(c);
                        // "Pangkajene Dan Kepulauan", "Toli-Toli": capitalise after a hyphen too.
                        at_start = c == '-' || c == '(';
                    }
                }
                out
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agency name of a regional government: "Pemerintah Provinsi Kalimantan Tengah",
/// "Pemerintah Kota Palangkaraya", "Pemerintah Kabupaten Banjar".
pub fn regional_agency_name(area_upper: &str, is_province: bool) -> String {
    if is_province {
        format!("Pemerintah Provinsi {}", title_case(area_upper))
    } else {
        format!("Pemerintah {}", title_case(area_upper))
    }
}

/// A search key: lower case, letters and digits only, so "Palangka Raya", "palangkaraya" and
/// "PALANGKA-RAYA" all meet.
pub fn search_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ways people write the kind of a regional government, longest first, with the form the
/// agency's own name has ("Pemkot Palangka Raya", "Kab. Banjar", "Prov Kalteng").
const REGIONAL_PREFIXES: [(&str, &str); 8] = [
    ("pemerintahkabupaten", "pemerintahkabupaten"),
    ("pemerintahprovinsi", "pemerintahprovinsi"),
    ("pemerintahkota", "pemerintahkota"),
    ("kabupaten", "pemerintahkabupaten"),
    ("provinsi", "pemerintahprovinsi"),
    ("pemprov", "pemerintahprovinsi"),
    ("pemkab", "pemerintahkabupaten"),
    ("pemkot", "pemerintahkota"),
];

/// Short forms that only count as a prefix when a name follows ("kota" alone begins "Kotabaru").
const SHORT_PREFIXES: [(&str, &str); 3] = [
    ("kota", "pemerintahkota"),
    ("prov", "pemerintahprovinsi"),
    ("kab", "pemerintahkabupaten"),
];

/// The search keys an agency name as typed may stand for, the key itself first: with the kind of
/// regional government written out ("Pemkot Palangka Raya" → "pemerintahkotapalangkaraya"), or,
/// for a bare name ("Banjar"), each kind it could be. The caller takes an agency only when one
/// agency answers (Kabupaten Banjar and Kota Banjar both do).
pub fn agency_keys(typed: &str) -> Vec<String> {
    let key = search_key(typed);
    let mut keys = vec![key.clone()];
    if key.is_empty() {
        return keys;
    }
    let long = REGIONAL_PREFIXES.iter().find_map(|(p, full)| {
        key.strip_prefix(p)
            .filter(|rest| !rest.is_empty())
            .map(|rest| (rest, *full))
    });
    let short = || {
        SHORT_PREFIXES.iter().find_map(|(p, full)| {
            key.strip_prefix(p)
                .filter(|rest| rest.len() >= 3)
                .map(|rest| (rest, *full))
        })
    };
    if let Some((rest, full)) = long {
        keys.push(format!("{full}{rest}"));
    } else {
        if let Some((rest, full)) = short() {
            keys.push(format!("{full}{rest}"));
        }
        for full in [
            "pemerintahkota",
            "pemerintahkabupaten",
            "pemerintahprovinsi",
        ] {
            keys.push(format!("{full}{key}"));
        }
    }
    keys.dedup();
    keys
}

/// What agency search looks for inside names: the typed name without the kind of regional
/// government ("Pemkot Palangka Raya" → "palangkaraya").
pub fn agency_fragment(typed: &str) -> String {
    let key = search_key(typed);
    REGIONAL_PREFIXES
        .iter()
        .chain(SHORT_PREFIXES.iter())
        .chain([("pemerintah", "")].iter())
        .find_map(|(p, _)| key.strip_prefix(p).filter(|rest| rest.len() >= 3))
        .map_or_else(|| key.clone(), str::to_owned)
}

/// The words of a name as the case list's name search indexes and matches them: lower case, split
/// at everything that is not a letter or digit, each word once, in order. "Dr. Budi S.Pd" gives
/// "dr", "budi", "s", "pd".
pub fn name_words(s: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w: String = w.chars().flat_map(char::to_lowercase).collect();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names_are_found_however_the_kind_is_written() {
        let keys = |s: &str| agency_keys(s);
        assert!(keys("Pemkot Palangka Raya").contains(&"pemerintahkotapalangkaraya".to_owned()));
        assert!(keys("Kota Palangkaraya").contains(&"pemerintahkotapalangkaraya".to_owned()));
        assert!(keys("kab. banjar").contains(&"pemerintahkabupatenbanjar".to_owned()));
        assert!(keys("Pemprov Kalteng").contains(&"pemerintahprovinsikalteng".to_owned()));
        let bare = keys("Banjar");
        assert!(bare.contains(&"pemerintahkotabanjar".to_owned()));
        assert!(bare.contains(&"pemerintahkabupatenbanjar".to_owned()));
        assert_eq!(keys("Kemenkeu")[0], "kemenkeu");
        assert_eq!(keys("  "), vec![String::new()]);
        // "Kotabaru" is a name, not "Kota" + "baru" only: the bare forms are tried as well.
        assert!(keys("Kotabaru").contains(&"pemerintahkabupatenkotabaru".to_owned()));
        assert_eq!(agency_fragment("Pemkot Palangka Raya"), "palangkaraya");
        assert_eq!(agency_fragment("Pemerintah Kabupaten Banjar"), "banjar");
        assert_eq!(agency_fragment("Kemenkeu"), "kemenkeu");
    }

    #[test]
    fn a_time_shows_in_the_zone_with_its_name_and_today_is_the_easternmost_date() {
        let at = chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
            .and_then(|d| d.and_hms_opt(16, 30, 0))
            .unwrap_or_default();
        assert_eq!(TimeZone::Wib.display(at), "05-03-2024 23:30 WIB");
        assert_eq!(TimeZone::Wita.display(at), "06-03-2024 00:30 WITA");
        assert_eq!(TimeZone::Wit.display(at), "06-03-2024 01:30 WIT");
        assert_eq!(
            TimeZone::today_everywhere(at),
            at.date().succ_opt().unwrap_or_default()
        );
    }

    #[test]
    fn regional_names_read_as_people_write_them() {
        assert_eq!(
            regional_agency_name("KOTA PALANGKARAYA", false),
            "Pemerintah Kota Palangkaraya"
        );
        assert_eq!(
            regional_agency_name("KABUPATEN BANJAR", false),
            "Pemerintah Kabupaten Banjar"
        );
        assert_eq!(
            regional_agency_name("DKI JAKARTA", true),
            "Pemerintah Provinsi DKI Jakarta"
        );
        assert_eq!(title_case("KABUPATEN TOLI-TOLI"), "Kabupaten Toli-Toli");
    }

    #[test]
    fn search_keys_ignore_case_spaces_and_punctuation() {
        assert_eq!(
            search_key("Pemerintah Kota Palangka Raya"),
            search_key("PEMERINTAH KOTA PALANGKARAYA")
        );
        assert_eq!(search_key("Toli-Toli"), "tolitoli");
    }

    #[test]
    fn name_words_split_at_punctuation_and_meet_in_lower_case() {
        assert_eq!(
            name_words("Dr. BUDI Santoso, S.Pd"),
            ["dr", "budi", "santoso", "s", "pd"]
        );
        assert_eq!(name_words("Siti-Siti  Aminah"), ["siti", "aminah"]);
        assert!(name_words(" .- ").is_empty());
    }

    #[test]
    fn every_province_code_in_the_data_has_a_time_zone() {
        let csv = include_str!("../../data/idn-area/provinces.csv");
        for line in csv.lines().skip(1) {
            let code = line.split(',').next().unwrap_or_default();
            assert!(
                TimeZone::of_province(code).is_some(),
                "province {code} has no zone"
            );
        }
        assert_eq!(TimeZone::of_province("62"), Some(TimeZone::Wib));
        assert_eq!(TimeZone::of_province("63"), Some(TimeZone::Wita));
        assert_eq!(TimeZone::of_province("91"), Some(TimeZone::Wit));
    }
}
