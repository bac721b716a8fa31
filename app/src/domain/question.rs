//! Custom entry questions: what an organiser may ask beside the fixed form (the child's
//! class, the language of the work, a link to a video, the teacher's phone), and how an
//! answer is read. Pure rules: the store keeps questions and answers as text, and every
//! answer the store holds came through [`read_answer`].

use super::contest::LocalText;
use super::ids::NominationId;
use serde::{Deserialize, Serialize};

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    ShortText,
    LongText,
    /// A whole number, within the question's range if it has one.
    Number,
    /// One of the question's options.
    ChoiceOne,
    /// Any of the question's options (required: at least one).
    ChoiceMany,
    Date,
    YesNo,
    Url,
    Email,
    /// A Kazakhstan number, kept as `+7 7xx xxx xx xx`.
    Phone,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 10] = [
        QuestionKind::ShortText,
        QuestionKind::LongText,
        QuestionKind::Number,
        QuestionKind::ChoiceOne,
        QuestionKind::ChoiceMany,
        QuestionKind::Date,
        QuestionKind::YesNo,
        QuestionKind::Url,
        QuestionKind::Email,
        QuestionKind::Phone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Number => "number",
            QuestionKind::ChoiceOne => "choice_one",
            QuestionKind::ChoiceMany => "choice_many",
            QuestionKind::Date => "date",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Url => "url",
            QuestionKind::Email => "email",
            QuestionKind::Phone => "phone",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::ChoiceOne | QuestionKind::ChoiceMany)
    }

    /// Whether an answer of this kind could tell a judge who the entrant is: free text, a
    /// link (a channel's name), a date (of birth). The editor warns before such a question is
    /// shown to judges.
    pub fn may_identify(self) -> bool {
        matches!(self, QuestionKind::ShortText | QuestionKind::LongText | QuestionKind::Url | QuestionKind::Date | QuestionKind::Email | QuestionKind::Phone)
    }

    /// Whether an answer of this kind always names a person (an address, a number): never
    /// shown to judges, whatever the editor chose.
    pub fn always_identifies(self) -> bool {
        matches!(self, QuestionKind::Email | QuestionKind::Phone)
    }
}

/// Who reads the answers besides the entrant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The contest's organisers only.
    Admins,
    /// Organisers and judges (on the scoring page, beside the work).
    Judges,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Admins => "admins",
            Audience::Judges => "judges",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        [Audience::Admins, Audience::Judges].into_iter().find(|a| a.as_str() == s)
    }
}

/// A question as the entry form asks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    /// Asked of entries to this nomination only; None: of every entry.
    pub nomination: Option<NominationId>,
    pub label: LocalText,
    pub hint: LocalText,
    pub kind: QuestionKind,
    pub required: bool,
    pub audience: Audience,
    /// A number's range, both ends allowed.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// A choice's options, in order; an answer keeps their positions.
    pub options: Vec<LocalText>,
}

impl Question {
    /// Whether judges see the answers: never for a kind that always names a person.
    pub fn judges_see(&self) -> bool {
        self.audience == Audience::Judges && !self.kind.always_identifies()
    }

    /// Whether entries to `nomination` are asked it.
    pub fn asked_of(&self, nomination: NominationId) -> bool {
        self.nomination.is_none_or(|n| n == nomination)
    }
}

/// The longest short answer, long answer and link.
pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 4000;
pub const URL_MAX: usize = 2000;
/// The most questions one contest asks, and options one choice offers.
pub const MAX_QUESTIONS: usize = 40;
pub const MAX_OPTIONS: usize = 30;

/// The value of the admin list's answer filter for one option of a question (a choice's
/// option position or `yes`/`no`).
pub fn answer_filter_value(question: i64, value: &str) -> String {
    format!("{question}:{value}")
}

/// Why an answer was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerError {
    Required,
    TooLong,
    ControlChars,
    WholeNumber,
    OutOfRange,
    Choose,
    Date,
    Url,
    Email,
    Phone,
}

/// Reads the answer to `q` from what the form sent for it (several values for a multiple
/// choice's boxes). `Ok(None)`: optional and left empty. `Ok(Some(stored))` keeps one
/// spelling of each answer: text trimmed (line breaks as `\n`), a number in digits, a
/// choice as its option's position (`0`; several: `0,2`), a date `YYYY-MM-DD`, `yes`/`no`,
/// an address as [`super::Email`] keeps it, a phone `+7 7xx xxx xx xx`.
pub fn read_answer(q: &Question, values: &[&str]) -> Result<Option<String>, AnswerError> {
    let values: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let Some(first) = values.first().copied() else {
        return if q.required { Err(AnswerError::Required) } else { Ok(None) };
    };
    let stored = match q.kind {
        QuestionKind::ShortText => text(first, SHORT_MAX, false)?,
        QuestionKind::LongText => text(first, LONG_MAX, true)?,
        QuestionKind::Number => {
            let n: i64 = first.replace([' ', '\u{00A0}'], "").replace('\u{2212}', "-").parse().map_err(|_| AnswerError::WholeNumber)?;
            if q.min.is_some_and(|m| n < m) || q.max.is_some_and(|m| n > m) {
                return Err(AnswerError::OutOfRange);
            }
            n.to_string()
        }
        QuestionKind::ChoiceOne => {
            if values.len() > 1 {
                return Err(AnswerError::Choose);
            }
            option(q, first)?.to_string()
        }
        QuestionKind::ChoiceMany => {
            let mut chosen = values.iter().map(|v| option(q, v)).collect::<Result<Vec<_>, _>>()?;
            chosen.sort_unstable();
            chosen.dedup();
            chosen.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
        }
        QuestionKind::Date => super::date::Date::parse(first).map_err(|_| AnswerError::Date)?.to_string(),
        QuestionKind::YesNo => match first {
            "yes" | "no" => first.to_owned(),
            _ => return Err(AnswerError::Choose),
        },
        QuestionKind::Url => url(first)?,
        QuestionKind::Email => super::Email::parse(first).map_err(|_| AnswerError::Email)?.as_str().to_owned(),
        QuestionKind::Phone => phone(first).ok_or(AnswerError::Phone)?,
    };
    Ok(Some(stored))
}

fn text(s: &str, max: usize, lines: bool) -> Result<String, AnswerError> {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    if s.chars().any(|c| c.is_control() && !(lines && (c == '\n' || c == '\t'))) || s.chars().any(super::invisible) {
        return Err(AnswerError::ControlChars);
    }
    if s.chars().count() > max {
        return Err(AnswerError::TooLong);
    }
    Ok(s)
}

fn option(q: &Question, value: &str) -> Result<usize, AnswerError> {
    value.parse::<usize>().ok().filter(|i| *i < q.options.len()).ok_or(AnswerError::Choose)
}

/// A link people can open: `http(s)://` and a host with a dot (or `localhost`), no spaces.
/// Without a scheme, `https://` is assumed (`youtu.be/…` as typed from a phone).
pub fn url(s: &str) -> Result<String, AnswerError> {
    if s.chars().count() > URL_MAX {
        return Err(AnswerError::TooLong);
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AnswerError::Url);
    }
    let lower = s.to_ascii_lowercase();
    let full = if lower.starts_with("http://") || lower.starts_with("https://") {
        s.to_owned()
    } else if lower.contains("://") || lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Err(AnswerError::Url);
    } else {
        format!("https://{s}")
    };
    let rest = full.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let name = host.split(':').next().unwrap_or(host);
    let fine = !name.is_empty()
        && (name.contains('.') || name == "localhost")
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if fine { Ok(full) } else { Err(AnswerError::Url) }
}

/// A Kazakhstan phone number as `+7 7xx xxx xx xx`, from the ways people write one:
/// `+7 701 234 56 78`, `8 (701) 234-56-78`, `87012345678`, `7012345678`. Every Kazakh
/// number, mobile or landline, is `+7` then ten digits starting with 6 or 7 (Russia's start
/// with 3, 4, 8 or 9).
pub fn phone(s: &str) -> Option<String> {
    if s.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '\u{00A0}'))) {
        return None;
    }
    if s.chars().skip(1).any(|c| c == '+') {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        11 if s.trim_start().starts_with('+') && digits.starts_with('7') => &digits[1..],
        11 if !s.trim_start().starts_with('+') && (digits.starts_with('8') || digits.starts_with('7')) => &digits[1..],
        10 if !s.trim_start().starts_with('+') => &digits[..],
        _ => return None,
    };
    if !(national.starts_with('7') || national.starts_with('6')) {
        return None;
    }
    Some(format!("+7 {} {} {} {}", &national[..3], &national[3..6], &national[6..8], &national[8..]))
}

/// Why a question cannot be saved as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionError {
    /// No label in any language.
    LabelMissing,
    LabelTooLong,
    /// A choice needs two options at least.
    TooFewOptions,
    TooManyOptions,
    OptionTooLong,
    /// The range's low end is above its high end.
    RangeReversed,
}

/// Checks a question as the editor wrote it.
pub fn check_question(q: &Question) -> Result<(), QuestionError> {
    if q.label.is_empty() {
        return Err(QuestionError::LabelMissing);
    }
    if q.label.longest_chars() > 300 || q.hint.longest_chars() > 500 {
        return Err(QuestionError::LabelTooLong);
    }
    if q.kind.has_options() {
        if q.options.len() < 2 {
            return Err(QuestionError::TooFewOptions);
        }
        if q.options.len() > MAX_OPTIONS {
            return Err(QuestionError::TooManyOptions);
        }
        if q.options.iter().any(|o| o.longest_chars() > SHORT_MAX) {
            return Err(QuestionError::OptionTooLong);
        }
    }
    if let (Some(lo), Some(hi)) = (q.min, q.max)
        && lo > hi
    {
        return Err(QuestionError::RangeReversed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: QuestionKind) -> Question {
        Question {
            id: 1,
            nomination: None,
            label: LocalText::new(Some("Сынып".into()), None, None),
            hint: LocalText::default(),
            kind,
            required: true,
            audience: Audience::Admins,
            min: None,
            max: None,
            options: vec![LocalText::new(Some("қазақша".into()), None, None), LocalText::new(Some("орысша".into()), None, None), LocalText::new(None, None, Some("other".into()))],
        }
    }

    #[test]
    fn kinds_and_audiences_round_trip() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(QuestionKind::parse("file"), None);
        assert_eq!(Audience::parse("judges"), Some(Audience::Judges));
        assert_eq!(Audience::parse("public"), None);
    }

    #[test]
    fn required_and_optional() {
        let mut question = q(QuestionKind::ShortText);
        assert_eq!(read_answer(&question, &[]), Err(AnswerError::Required));
        assert_eq!(read_answer(&question, &["   "]), Err(AnswerError::Required));
        question.required = false;
        assert_eq!(read_answer(&question, &[" "]), Ok(None));
        assert_eq!(read_answer(&question, &[" 4 «Ә» "]), Ok(Some("4 «Ә»".into())));
    }

    #[test]
    fn texts() {
        let short = q(QuestionKind::ShortText);
        assert_eq!(read_answer(&short, &[&"ә".repeat(SHORT_MAX)]), Ok(Some("ә".repeat(SHORT_MAX))));
        assert_eq!(read_answer(&short, &[&"ә".repeat(SHORT_MAX + 1)]), Err(AnswerError::TooLong));
        assert_eq!(read_answer(&short, &["бір\nекі"]), Err(AnswerError::ControlChars), "one line");
        assert_eq!(read_answer(&short, &["a\u{202E}b"]), Err(AnswerError::ControlChars));
        let long = q(QuestionKind::LongText);
        assert_eq!(read_answer(&long, &["бір\r\nекі\rүш"]), Ok(Some("бір\nекі\nүш".into())));
        assert_eq!(read_answer(&long, &["a\u{0007}"]), Err(AnswerError::ControlChars));
        assert_eq!(read_answer(&long, &[&"x".repeat(LONG_MAX + 1)]), Err(AnswerError::TooLong));
    }

    #[test]
    fn numbers_in_their_range() {
        let mut n = q(QuestionKind::Number);
        n.min = Some(1);
        n.max = Some(11);
        assert_eq!(read_answer(&n, &["4"]), Ok(Some("4".into())));
        assert_eq!(read_answer(&n, &["11"]), Ok(Some("11".into())));
        assert_eq!(read_answer(&n, &["1"]), Ok(Some("1".into())));
        assert_eq!(read_answer(&n, &["12"]), Err(AnswerError::OutOfRange));
        assert_eq!(read_answer(&n, &["0"]), Err(AnswerError::OutOfRange));
        assert_eq!(read_answer(&n, &["4,5"]), Err(AnswerError::WholeNumber));
        assert_eq!(read_answer(&n, &["төрт"]), Err(AnswerError::WholeNumber));
        assert_eq!(read_answer(&n, &["99999999999999999999"]), Err(AnswerError::WholeNumber));
        n.min = None;
        assert_eq!(read_answer(&n, &["\u{2212}3"]), Ok(Some("-3".into())), "a true minus sign");
        assert_eq!(read_answer(&n, &["1 000"]), Err(AnswerError::OutOfRange), "1000 read, above 11");
    }

    #[test]
    fn choices_keep_positions() {
        let one = q(QuestionKind::ChoiceOne);
        assert_eq!(read_answer(&one, &["2"]), Ok(Some("2".into())));
        assert_eq!(read_answer(&one, &["3"]), Err(AnswerError::Choose));
        assert_eq!(read_answer(&one, &["-1"]), Err(AnswerError::Choose));
        assert_eq!(read_answer(&one, &["0", "1"]), Err(AnswerError::Choose));
        let many = q(QuestionKind::ChoiceMany);
        assert_eq!(read_answer(&many, &["2", "0", "2"]), Ok(Some("0,2".into())));
        assert_eq!(read_answer(&many, &["0", "x"]), Err(AnswerError::Choose));
        assert_eq!(read_answer(&many, &[]), Err(AnswerError::Required));
    }

    #[test]
    fn dates_yes_no_emails() {
        let d = q(QuestionKind::Date);
        assert_eq!(read_answer(&d, &["2016-02-29"]), Ok(Some("2016-02-29".into())));
        assert_eq!(read_answer(&d, &["2017-02-29"]), Err(AnswerError::Date));
        assert_eq!(read_answer(&d, &["29.02.2016"]), Err(AnswerError::Date));
        let yn = q(QuestionKind::YesNo);
        assert_eq!(read_answer(&yn, &["no"]), Ok(Some("no".into())));
        assert_eq!(read_answer(&yn, &["maybe"]), Err(AnswerError::Choose));
        let e = q(QuestionKind::Email);
        assert_eq!(read_answer(&e, &[" Teacher@Mektep.KZ "]).map(|a| a.is_some()), Ok(true));
        assert_eq!(read_answer(&e, &["teacher@"]), Err(AnswerError::Email));
    }

    #[test]
    fn links() {
        assert_eq!(url("https://youtu.be/abc?t=1"), Ok("https://youtu.be/abc?t=1".into()));
        assert_eq!(url("youtu.be/abc"), Ok("https://youtu.be/abc".into()));
        assert_eq!(url("HTTP://Example.kz"), Ok("HTTP://Example.kz".into()));
        assert_eq!(url("http://localhost:8080/x"), Ok("http://localhost:8080/x".into()));
        assert_eq!(url("https://мектеп.қаз/жұмыс"), Ok("https://мектеп.қаз/жұмыс".into()));
        assert_eq!(url("javascript:alert(1)"), Err(AnswerError::Url));
        assert_eq!(url("data:text/html,hi"), Err(AnswerError::Url));
        assert_eq!(url("ftp://example.kz"), Err(AnswerError::Url));
        assert_eq!(url("https://exa mple.kz"), Err(AnswerError::Url));
        assert_eq!(url("https://nodot"), Err(AnswerError::Url));
        assert_eq!(url("https://.kz"), Err(AnswerError::Url));
        assert_eq!(url("https://a<b>.kz"), Err(AnswerError::Url));
        assert_eq!(url(&format!("https://a.kz/{}", "x".repeat(URL_MAX))), Err(AnswerError::TooLong));
    }

    #[test]
    fn kazakhstan_phones() {
        for written in ["+7 701 234 56 78", "+77012345678", "8 (701) 234-56-78", "87012345678", "7012345678", "+7-701-234-56-78", "8 701 234 56 78"] {
            assert_eq!(phone(written).as_deref(), Some("+7 701 234 56 78"), "{written}");
        }
        assert_eq!(phone("8 7232 24 56 78").as_deref(), Some("+7 723 224 56 78"), "a landline (Öskemen)");
        assert_eq!(phone("+7 916 123 45 67"), None, "a Russian number");
        assert_eq!(phone("+998 90 123 45 67"), None);
        assert_eq!(phone("701 234 56 7"), None, "too short");
        assert_eq!(phone("+7 701 234 56 78 9"), None, "too long");
        assert_eq!(phone("7O1 234 56 78"), None, "a letter O");
        assert_eq!(phone("+7 701 +234 56 78"), None);
        let p = q(QuestionKind::Phone);
        assert_eq!(read_answer(&p, &["8(777)1112233"]), Ok(Some("+7 777 111 22 33".into())));
        assert_eq!(read_answer(&p, &["12345"]), Err(AnswerError::Phone));
    }

    #[test]
    fn who_sees_what() {
        let mut text = q(QuestionKind::ShortText);
        text.audience = Audience::Judges;
        assert!(text.judges_see());
        assert!(text.kind.may_identify(), "the editor warns");
        let mut phone = q(QuestionKind::Phone);
        phone.audience = Audience::Judges;
        assert!(!phone.judges_see(), "a phone number never reaches a judge");
        assert!(!QuestionKind::ChoiceOne.may_identify());
        let mut scoped = q(QuestionKind::Number);
        scoped.nomination = Some(NominationId(3));
        assert!(scoped.asked_of(NominationId(3)));
        assert!(!scoped.asked_of(NominationId(4)));
        assert!(q(QuestionKind::Number).asked_of(NominationId(4)));
    }

    #[test]
    fn questions_are_checked() {
        assert_eq!(check_question(&q(QuestionKind::ChoiceOne)), Ok(()));
        let mut no_label = q(QuestionKind::ShortText);
        no_label.label = LocalText::default();
        assert_eq!(check_question(&no_label), Err(QuestionError::LabelMissing));
        let mut one_option = q(QuestionKind::ChoiceMany);
        one_option.options.truncate(1);
        assert_eq!(check_question(&one_option), Err(QuestionError::TooFewOptions));
        let mut reversed = q(QuestionKind::Number);
        reversed.min = Some(5);
        reversed.max = Some(1);
        assert_eq!(check_question(&reversed), Err(QuestionError::RangeReversed));
        let mut text_with_one_option = q(QuestionKind::ShortText);
        text_with_one_option.options.truncate(1);
        assert_eq!(check_question(&text_with_one_option), Ok(()), "options matter to choices only");
    }
}
