//! Contests: levels, the timeline and the phase it implies, nominations and their rules for
//! works, age groups. How works are scored and awarded (rubric, aggregation, awards) is in
//! [`super::rubric`], re-exported here.
//!
//! Invariants held here:
//! - a published contest has a full timeline with `open < close < judging_end <= results`;
//! - the phase is a pure function of the contest's status, timeline and `now` ([`phase`]);
//! - from the start of judging the rubric, the aggregation method and the tie-break chain
//!   are frozen ([`Phase::rubric_frozen`]), so results are computed by rules fixed in advance;
//! - an age group is derived from a date of birth at the contest's cut-off date, never chosen.

use super::date::Date;
use super::time::UnixTime;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub use super::rubric::*;

/// A text given in up to three languages, at least one of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    pub kk: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
}

impl LocalText {
    /// Empty or blank strings become `None`.
    pub fn new(kk: Option<String>, ru: Option<String>, en: Option<String>) -> LocalText {
        let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        LocalText { kk: clean(kk), ru: clean(ru), en: clean(en) }
    }

    pub fn is_empty(&self) -> bool {
        self.kk.is_none() && self.ru.is_none() && self.en.is_none()
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The text in `lang`, else in the first language that has it (kk, ru, en), with the
    /// language actually used, so pages can mark it and say so.
    pub fn pick(&self, lang: Lang) -> Option<(&str, Lang)> {
        self.get(lang).map(|t| (t, lang)).or_else(|| Lang::ALL.into_iter().find_map(|l| self.get(l).map(|t| (t, l))))
    }

    pub fn longest_chars(&self) -> usize {
        [&self.kk, &self.ru, &self.en].iter().filter_map(|t| t.as_ref()).map(|t| t.chars().count()).max().unwrap_or(0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    School,
    District,
    City,
    Regional,
    Republican,
    International,
}

impl Level {
    pub const ALL: [Level; 6] = [Level::School, Level::District, Level::City, Level::Regional, Level::Republican, Level::International];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::School => "school",
            Level::District => "district",
            Level::City => "city",
            Level::Regional => "regional",
            Level::Republican => "republican",
            Level::International => "international",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// What the admin has decided; the phase adds the clock to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Announced,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Announced => "announced",
            Status::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Draft, Status::Announced, Status::Archived].into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Being prepared; only admins see it.
    Draft,
    /// Visible, not yet open for entries.
    Announced,
    Open,
    Judging,
    Results,
    Archived,
}

impl Phase {
    pub const ALL: [Phase; 6] = [Phase::Draft, Phase::Announced, Phase::Open, Phase::Judging, Phase::Results, Phase::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Announced => "announced",
            Phase::Open => "open",
            Phase::Judging => "judging",
            Phase::Results => "results",
            Phase::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Publication ends judging for everyone: a contest whose results were published before
    /// the announced time is in its results phase from that moment.
    pub fn after_publication(self, published: bool) -> Phase {
        if published && self == Phase::Judging { Phase::Results } else { self }
    }

    /// From the opening of entries a contest's own entry questions cannot change: answers
    /// already given must stay valid.
    pub fn questions_frozen(self) -> bool {
        self >= Phase::Open
    }

    /// From the start of judging the rubric, method and tie-breaks cannot change.
    pub fn rubric_frozen(self) -> bool {
        self >= Phase::Judging
    }

    pub fn is_public(self) -> bool {
        self != Phase::Draft
    }
}

/// The four moments of a contest, as UTC seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub open: UnixTime,
    pub close: UnixTime,
    pub judging_end: UnixTime,
    pub results: UnixTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    #[error("submissions must open before they close")]
    CloseNotAfterOpen,
    #[error("judging must end after submissions close")]
    JudgingNotAfterClose,
    #[error("results cannot come before judging ends")]
    ResultsBeforeJudging,
}

impl Timeline {
    pub fn validate(&self) -> Result<(), TimelineError> {
        if self.close <= self.open {
            return Err(TimelineError::CloseNotAfterOpen);
        }
        if self.judging_end <= self.close {
            return Err(TimelineError::JudgingNotAfterClose);
        }
        if self.results < self.judging_end {
            return Err(TimelineError::ResultsBeforeJudging);
        }
        Ok(())
    }

    /// When submissions actually close: the announced time, or earlier if closed early.
    pub fn effective_close(&self, closed_early_at: Option<UnixTime>) -> UnixTime {
        closed_early_at.map_or(self.close, |c| c.min(self.close))
    }
}

/// The phase of a contest at `now`. A contest without a full timeline can only be a draft
/// (publishing requires one); boundaries belong to the later phase (at the closing second,
/// submissions are closed).
pub fn phase(status: Status, timeline: Option<&Timeline>, closed_early_at: Option<UnixTime>, now: UnixTime) -> Phase {
    match (status, timeline) {
        (Status::Draft, _) | (Status::Announced, None) => Phase::Draft,
        (Status::Archived, _) => Phase::Archived,
        (Status::Announced, Some(t)) => {
            if now < t.open {
                Phase::Announced
            } else if now < t.effective_close(closed_early_at) {
                Phase::Open
            } else if now < t.results {
                Phase::Judging
            } else {
                Phase::Results
            }
        }
    }
}

/// The next moment people wait for, and what it is: for the countdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Milestone {
    Opens(UnixTime),
    Closes(UnixTime),
    Results(UnixTime),
}

pub fn next_milestone(phase: Phase, timeline: &Timeline, closed_early_at: Option<UnixTime>) -> Option<Milestone> {
    match phase {
        Phase::Announced => Some(Milestone::Opens(timeline.open)),
        Phase::Open => Some(Milestone::Closes(timeline.effective_close(closed_early_at))),
        Phase::Judging => Some(Milestone::Results(timeline.results)),
        _ => None,
    }
}

/// Kinds of files a nomination accepts. Decided by content on upload, never by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Image,
    Pdf,
    Document,
    Audio,
    Video,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [FileKind::Image, FileKind::Pdf, FileKind::Document, FileKind::Audio, FileKind::Video];

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Image => "image",
            FileKind::Pdf => "pdf",
            FileKind::Document => "document",
            FileKind::Audio => "audio",
            FileKind::Video => "video",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// `image,pdf` ↔ a sorted, de-duplicated list.
    pub fn parse_list(s: &str) -> Option<Vec<FileKind>> {
        let mut out = s.split(',').filter(|p| !p.is_empty()).map(FileKind::parse).collect::<Option<Vec<_>>>()?;
        out.sort();
        out.dedup();
        Some(out)
    }

    pub fn join(kinds: &[FileKind]) -> String {
        kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Rules for the works of a nomination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkRules {
    pub kinds: Vec<FileKind>,
    pub max_file_mb: u32,
    pub max_files: u32,
    pub max_entries_per_participant: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkRulesError {
    #[error("choose at least one kind of file")]
    NoKinds,
    #[error("file size must be 1 to 2048 MB")]
    FileSize,
    #[error("files per entry must be 1 to 50")]
    FileCount,
    #[error("entries per participant must be 1 to 50")]
    EntryCount,
}

impl WorkRules {
    pub fn validate(&self) -> Result<(), WorkRulesError> {
        if self.kinds.is_empty() {
            return Err(WorkRulesError::NoKinds);
        }
        if !(1..=2048).contains(&self.max_file_mb) {
            return Err(WorkRulesError::FileSize);
        }
        if !(1..=50).contains(&self.max_files) {
            return Err(WorkRulesError::FileCount);
        }
        if !(1..=50).contains(&self.max_entries_per_participant) {
            return Err(WorkRulesError::EntryCount);
        }
        Ok(())
    }
}

/// An age range, inclusive, in whole years at the contest's cut-off date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    pub min: u32,
    pub max: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AgeRangeError {
    #[error("ages must be 0 to 120, the lower first")]
    Invalid,
    #[error("age groups overlap")]
    Overlap,
}

impl AgeRange {
    /// From the stored columns, which the schema keeps within 0 to 120.
    pub fn from_stored(min: i64, max: i64) -> AgeRange {
        let age = |v: i64| u32::try_from(v.clamp(0, 120)).unwrap_or(0);
        AgeRange { min: age(min), max: age(max) }
    }

    /// Whether a group's name already shows this range (`6–9 жас`, `Pupils (7-17)`), so the
    /// page need not repeat it.
    pub fn named_in(&self, name: &str) -> bool {
        ['–', '-', '—'].iter().any(|dash| name.contains(&format!("{}{dash}{}", self.min, self.max)))
    }

    pub fn validate(&self) -> Result<(), AgeRangeError> {
        if self.min > self.max || self.max > 120 { Err(AgeRangeError::Invalid) } else { Ok(()) }
    }

    pub fn contains(&self, age: i32) -> bool {
        age >= self.min as i32 && age <= self.max as i32
    }

    pub fn overlaps(&self, other: &AgeRange) -> bool {
        self.min <= other.max && other.min <= self.max
    }
}

/// The index of the age group a participant born on `birth` belongs to at `cutoff`.
/// Groups never overlap (checked when they are saved), so there is at most one.
pub fn age_group_for(birth: Date, cutoff: Date, groups: &[AgeRange]) -> Option<usize> {
    let age = cutoff.years_since(birth);
    groups.iter().position(|g| g.contains(age))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-03-01 00:00 in Asia/Almaty (UTC+5) is 2026-02-28T19:00:00Z.
    const OPEN: i64 = 1_772_305_200;
    const T: Timeline = Timeline { open: OPEN, close: OPEN + 30 * 86_400, judging_end: OPEN + 40 * 86_400, results: OPEN + 45 * 86_400 };

    #[test]
    fn a_group_name_that_shows_its_range_is_not_followed_by_it_again() {
        let r = AgeRange { min: 6, max: 9 };
        assert!(r.named_in("6–9 жас"));
        assert!(r.named_in("Ages 6-9"));
        assert!(!r.named_in("Кіші топ"));
        assert!(!r.named_in("16–19 жас"), "a longer number is another range");
        assert!(AgeRange { min: 7, max: 17 }.named_in("Мектеп оқушылары (7–17)"));
        assert!(!AgeRange { min: 36, max: 120 }.named_in("Ересектер (36+)"));
    }

    #[test]
    fn phase_at_every_boundary() {
        let p = |now| phase(Status::Announced, Some(&T), None, now);
        assert_eq!(p(T.open - 1), Phase::Announced);
        assert_eq!(p(T.open), Phase::Open);
        assert_eq!(p(T.open + 1), Phase::Open);
        assert_eq!(p(T.close - 1), Phase::Open);
        assert_eq!(p(T.close), Phase::Judging);
        assert_eq!(p(T.close + 1), Phase::Judging);
        assert_eq!(p(T.results - 1), Phase::Judging);
        assert_eq!(p(T.results), Phase::Results);
        assert_eq!(p(T.results + 1), Phase::Results);
    }

    #[test]
    fn deadline_at_23_59_59_almaty_is_18_59_59_utc() {
        // 2026-03-31 23:59:59 +05:00 = 2026-03-31T18:59:59Z = 1774983599.
        let t = Timeline { close: 1_774_983_599, ..T };
        assert_eq!(phase(Status::Announced, Some(&t), None, 1_774_983_598), Phase::Open);
        assert_eq!(phase(Status::Announced, Some(&t), None, 1_774_983_599), Phase::Judging);
    }

    #[test]
    fn draft_archived_and_incomplete_contests() {
        assert_eq!(phase(Status::Draft, Some(&T), None, T.open + 1), Phase::Draft);
        assert_eq!(phase(Status::Announced, None, None, T.open + 1), Phase::Draft);
        assert_eq!(phase(Status::Archived, Some(&T), None, T.open + 1), Phase::Archived);
    }

    #[test]
    fn closing_early_moves_judging_forward_but_never_later() {
        let early = T.open + 10;
        assert_eq!(phase(Status::Announced, Some(&T), Some(early), early - 1), Phase::Open);
        assert_eq!(phase(Status::Announced, Some(&T), Some(early), early), Phase::Judging);
        assert_eq!(T.effective_close(Some(T.close + 100)), T.close);
    }

    #[test]
    fn timeline_order_is_validated() {
        assert_eq!(T.validate(), Ok(()));
        assert_eq!(Timeline { close: T.open, ..T }.validate(), Err(TimelineError::CloseNotAfterOpen));
        assert_eq!(Timeline { judging_end: T.close, ..T }.validate(), Err(TimelineError::JudgingNotAfterClose));
        assert_eq!(Timeline { results: T.judging_end - 1, ..T }.validate(), Err(TimelineError::ResultsBeforeJudging));
        assert_eq!(Timeline { results: T.judging_end, ..T }.validate(), Ok(()));
    }

    #[test]
    fn rubric_freezes_when_judging_starts() {
        assert!(!Phase::Open.rubric_frozen());
        assert!(!Phase::Announced.rubric_frozen());
        assert!(!Phase::Draft.rubric_frozen());
        assert!(Phase::Judging.rubric_frozen());
        assert!(Phase::Results.rubric_frozen());
        assert!(Phase::Archived.rubric_frozen());
    }

    #[test]
    fn publication_ends_judging() {
        assert_eq!(Phase::Judging.after_publication(true), Phase::Results);
        assert_eq!(Phase::Judging.after_publication(false), Phase::Judging);
        for p in [Phase::Draft, Phase::Announced, Phase::Open, Phase::Results, Phase::Archived] {
            assert_eq!(p.after_publication(true), p);
        }
    }

    #[test]
    fn next_milestone_follows_phase() {
        assert_eq!(next_milestone(Phase::Announced, &T, None), Some(Milestone::Opens(T.open)));
        assert_eq!(next_milestone(Phase::Open, &T, Some(T.open + 5)), Some(Milestone::Closes(T.open + 5)));
        assert_eq!(next_milestone(Phase::Judging, &T, None), Some(Milestone::Results(T.results)));
        assert_eq!(next_milestone(Phase::Results, &T, None), None);
    }

    #[test]
    fn age_group_from_date_of_birth_at_cutoff() {
        let groups = [AgeRange { min: 6, max: 9 }, AgeRange { min: 10, max: 14 }];
        let cutoff = Date::parse("2026-06-01").unwrap();
        let g = |b: &str| age_group_for(Date::parse(b).unwrap(), cutoff, &groups);
        assert_eq!(g("2016-06-01"), Some(1), "turns 10 on the cut-off day");
        assert_eq!(g("2016-06-02"), Some(0), "turns 10 the day after");
        assert_eq!(g("2020-06-01"), Some(0), "exactly 6");
        assert_eq!(g("2020-06-02"), None, "still 5");
        assert_eq!(g("2011-06-02"), Some(1), "still 14");
        assert_eq!(g("2011-06-01"), None, "turned 15");
    }

    #[test]
    fn leap_day_birthday_at_a_cutoff_in_a_common_year() {
        let groups = [AgeRange { min: 6, max: 9 }, AgeRange { min: 10, max: 14 }];
        let born = Date::parse("2016-02-29").unwrap();
        assert_eq!(age_group_for(born, Date::parse("2026-02-28").unwrap(), &groups), Some(0));
        assert_eq!(age_group_for(born, Date::parse("2026-03-01").unwrap(), &groups), Some(1));
    }

    #[test]
    fn age_ranges_validate_and_detect_overlap() {
        assert_eq!(AgeRange { min: 10, max: 6 }.validate(), Err(AgeRangeError::Invalid));
        assert_eq!(AgeRange { min: 6, max: 121 }.validate(), Err(AgeRangeError::Invalid));
        assert!(AgeRange { min: 6, max: 10 }.overlaps(&AgeRange { min: 10, max: 14 }));
        assert!(!AgeRange { min: 6, max: 9 }.overlaps(&AgeRange { min: 10, max: 14 }));
    }


    #[test]
    fn work_rules_and_kinds() {
        assert_eq!(FileKind::parse_list("pdf,image,pdf"), Some(vec![FileKind::Image, FileKind::Pdf]));
        assert_eq!(FileKind::parse_list("svg"), None);
        let ok = WorkRules { kinds: vec![FileKind::Image], max_file_mb: 20, max_files: 3, max_entries_per_participant: 1 };
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(WorkRules { kinds: vec![], ..ok.clone() }.validate(), Err(WorkRulesError::NoKinds));
        assert_eq!(WorkRules { max_file_mb: 0, ..ok.clone() }.validate(), Err(WorkRulesError::FileSize));
    }

    #[test]
    fn local_text_falls_back_in_language_order() {
        let t = LocalText::new(None, Some("Конкурс".into()), Some("  ".into()));
        assert_eq!(t.pick(Lang::En), Some(("Конкурс", Lang::Ru)));
        assert_eq!(t.pick(Lang::Ru), Some(("Конкурс", Lang::Ru)));
        assert!(LocalText::new(None, Some(" ".into()), None).is_empty());
    }
}
