//! CLDR plural categories for integers in kk, ru and en, and counted phrases.

use super::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

/// Kazakh and English: one / other. Russian: one (1, 21, 101…), few (2–4, 22–24…),
/// many (0, 5–20, 25–30…).
pub fn plural_category(lang: Lang, n: u64) -> PluralCategory {
    match lang {
        Lang::Kk | Lang::En => {
            if n == 1 { PluralCategory::One } else { PluralCategory::Other }
        }
        Lang::Ru => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                PluralCategory::One
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                PluralCategory::Few
            } else {
                PluralCategory::Many
            }
        }
    }
}

/// A counted phrase: `{n}` is replaced by the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Contests,
    Sessions,
    Accounts,
    Minutes,
    /// Changes to a score sheet waiting to be sent.
    Changes,
}

impl Plural {
    fn forms(self, lang: Lang) -> (&'static str, &'static str, &'static str) {
        // (one, few, many/other)
        match (self, lang) {
            (Plural::Contests, Lang::Kk) => ("{n} байқау", "{n} байқау", "{n} байқау"),
            (Plural::Contests, Lang::Ru) => ("{n} конкурс", "{n} конкурса", "{n} конкурсов"),
            (Plural::Contests, Lang::En) => ("{n} contest", "{n} contests", "{n} contests"),
            (Plural::Sessions, Lang::Kk) => ("{n} сеанс", "{n} сеанс", "{n} сеанс"),
            (Plural::Sessions, Lang::Ru) => ("{n} сеанс", "{n} сеанса", "{n} сеансов"),
            (Plural::Sessions, Lang::En) => ("{n} session", "{n} sessions", "{n} sessions"),
            (Plural::Accounts, Lang::Kk) => ("{n} тіркелгі", "{n} тіркелгі", "{n} тіркелгі"),
            (Plural::Accounts, Lang::Ru) => ("{n} учётная запись", "{n} учётные записи", "{n} учётных записей"),
            (Plural::Accounts, Lang::En) => ("{n} account", "{n} accounts", "{n} accounts"),
            (Plural::Minutes, Lang::Kk) => ("{n} минут", "{n} минут", "{n} минут"),
            (Plural::Minutes, Lang::Ru) => ("{n} минуту", "{n} минуты", "{n} минут"),
            (Plural::Minutes, Lang::En) => ("{n} minute", "{n} minutes", "{n} minutes"),
            (Plural::Changes, Lang::Kk) => ("{n} өзгеріс", "{n} өзгеріс", "{n} өзгеріс"),
            (Plural::Changes, Lang::Ru) => ("{n} изменение", "{n} изменения", "{n} изменений"),
            (Plural::Changes, Lang::En) => ("{n} change", "{n} changes", "{n} changes"),
        }
    }

    pub fn format(self, lang: Lang, n: u64) -> String {
        let (one, few, many) = self.forms(lang);
        let form = match plural_category(lang, n) {
            PluralCategory::One => one,
            PluralCategory::Few => few,
            PluralCategory::Many | PluralCategory::Other => many,
        };
        form.replace("{n}", &n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plural_rules() {
        let cases = [(0, "0 конкурсов"), (1, "1 конкурс"), (2, "2 конкурса"), (5, "5 конкурсов"), (11, "11 конкурсов"),
            (12, "12 конкурсов"), (21, "21 конкурс"), (22, "22 конкурса"), (111, "111 конкурсов"), (104, "104 конкурса")];
        for (n, text) in cases {
            assert_eq!(Plural::Contests.format(Lang::Ru, n), text);
        }
    }

    #[test]
    fn english_and_kazakh_plural_rules() {
        assert_eq!(Plural::Contests.format(Lang::En, 1), "1 contest");
        assert_eq!(Plural::Contests.format(Lang::En, 0), "0 contests");
        assert_eq!(Plural::Contests.format(Lang::En, 21), "21 contests");
        assert_eq!(Plural::Contests.format(Lang::Kk, 1), "1 байқау");
        assert_eq!(Plural::Contests.format(Lang::Kk, 5), "5 байқау");
        assert_eq!(Plural::Changes.format(Lang::En, 1), "1 change");
        assert_eq!(Plural::Changes.format(Lang::En, 3), "3 changes");
        assert_eq!(Plural::Changes.format(Lang::Ru, 3), "3 изменения");
        assert_eq!(Plural::Changes.format(Lang::Ru, 11), "11 изменений");
        assert_eq!(plural_category(Lang::Kk, 2), PluralCategory::Other);
    }
}
