//! The public gallery: when a contest's gallery is open, which works it shows, how a
//! publication consent may change, and how the public filters and pages it. Pure.
//!
//! A work is shown only with its own consent to publication, separate from the consent to
//! take part: a minor's by the guardian, an adult's by the participant. It is asked when the
//! work is sent, may be given or taken back until the gallery opens, and may only be taken
//! back after that (the work leaves the gallery at once).

use serde::{Deserialize, Serialize};

/// The version of the publication consent's text (the text itself is in `view::gallery`,
/// in every language). A new text gets a new version; earlier consents keep theirs.
pub const CONSENT_VERSION: &str = "2026-12-gallery";

/// Works on one page of the gallery.
pub const PAGE_SIZE: usize = 24;

/// When a contest shows its works in public.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GalleryMode {
    /// No gallery (the default).
    #[default]
    Off,
    /// From the publication of its results.
    Results,
    /// From a moment the organisers set (`gallery_opens_at`).
    Date,
}

impl GalleryMode {
    pub const ALL: [GalleryMode; 3] = [GalleryMode::Off, GalleryMode::Results, GalleryMode::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            GalleryMode::Off => "off",
            GalleryMode::Results => "results",
            GalleryMode::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<GalleryMode> {
        GalleryMode::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The moment the gallery opens, if it is known yet: the publication of the results, or
    /// the date set (a `Date` gallery without its date never opens).
    pub fn opens_at(self, date: Option<i64>, published_at: Option<i64>) -> Option<i64> {
        match self {
            GalleryMode::Off => None,
            GalleryMode::Results => published_at,
            GalleryMode::Date => date,
        }
    }

    /// Is the gallery open at `now`?
    pub fn is_open(self, date: Option<i64>, published_at: Option<i64>, now: i64) -> bool {
        self.opens_at(date, published_at).is_some_and(|at| at <= now)
    }
}

/// What the entrant asks to do with a work's publication consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentChange {
    Give,
    Revoke,
}

/// Why a consent change is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentRefusal {
    /// The contest has no gallery.
    NoGallery,
    /// The gallery is open: a consent may only be taken back now.
    GalleryOpen,
    /// The work is withdrawn or disqualified: it is never shown.
    NotShowable,
}

/// May the consent of a work change as asked? Taking it back is always possible (even
/// without a gallery: the entrant changes their mind); giving it needs a gallery that is
/// not open yet, and a work that may still be shown (a draft or a sent work).
pub fn may_change(change: ConsentChange, mode: GalleryMode, open: bool, showable: bool) -> Result<(), ConsentRefusal> {
    match change {
        ConsentChange::Revoke => Ok(()),
        ConsentChange::Give if mode == GalleryMode::Off => Err(ConsentRefusal::NoGallery),
        ConsentChange::Give if !showable => Err(ConsentRefusal::NotShowable),
        ConsentChange::Give if open => Err(ConsentRefusal::GalleryOpen),
        ConsentChange::Give => Ok(()),
    }
}

/// What the public page of a work may show of it, decided from its facts alone.
pub struct Showable {
    /// The work was sent and is neither withdrawn nor disqualified.
    pub submitted: bool,
    /// Its publication consent is given.
    pub consent: bool,
    /// Its participant's data was reduced or their consent to take part withdrawn.
    pub participant_gone: bool,
}

impl Showable {
    pub fn shown(&self) -> bool {
        self.submitted && self.consent && !self.participant_gone
    }
}

/// The public's filters on a gallery: by nomination, age group and award (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub nomination: Option<i64>,
    pub age_group: Option<i64>,
    pub award: Option<String>,
}

impl Filter {
    /// Reads the filters from the query string's values; anything unreadable is no filter
    /// (an old or hand-made link still shows the gallery).
    pub fn parse(nomination: &str, age_group: &str, award: &str) -> Filter {
        let id = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
        let award = super::results::Award::parse(award.trim()).map(|a| a.as_str().to_owned());
        Filter { nomination: id(nomination), age_group: id(age_group), award }
    }

    pub fn accepts(&self, nomination: i64, age_group: Option<i64>, award: Option<&str>) -> bool {
        self.nomination.is_none_or(|n| n == nomination)
            && self.age_group.is_none_or(|g| Some(g) == age_group)
            && self.award.as_deref().is_none_or(|a| Some(a) == award)
    }
}

/// Page `page` (1-based; anything else is the first) of `total` works: the range of the
/// list it shows and the number of pages (at least 1). A page past the end is the last.
pub fn page_range(total: usize, page: usize) -> (std::ops::Range<usize>, usize) {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let start = (page - 1) * PAGE_SIZE;
    (start..(start + PAGE_SIZE).min(total), pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gallery_opens_at_publication_or_at_its_date_and_never_when_off() {
        assert!(!GalleryMode::Off.is_open(Some(10), Some(10), 100));
        assert!(!GalleryMode::Results.is_open(Some(10), None, 100));
        assert!(GalleryMode::Results.is_open(None, Some(100), 100));
        assert!(!GalleryMode::Results.is_open(None, Some(101), 100));
        assert!(GalleryMode::Date.is_open(Some(50), None, 100));
        assert!(!GalleryMode::Date.is_open(Some(150), Some(10), 100));
        assert!(!GalleryMode::Date.is_open(None, Some(10), 100));
        for m in GalleryMode::ALL {
            assert_eq!(GalleryMode::parse(m.as_str()), Some(m));
        }
        assert_eq!(GalleryMode::parse("On"), None);
    }

    #[test]
    fn consent_is_given_only_before_the_gallery_opens_and_taken_back_at_any_time() {
        use ConsentChange::*;
        assert_eq!(may_change(Give, GalleryMode::Results, false, true), Ok(()));
        assert_eq!(may_change(Give, GalleryMode::Results, true, true), Err(ConsentRefusal::GalleryOpen));
        assert_eq!(may_change(Give, GalleryMode::Off, false, true), Err(ConsentRefusal::NoGallery));
        assert_eq!(may_change(Give, GalleryMode::Date, false, false), Err(ConsentRefusal::NotShowable));
        for (mode, open, showable) in [(GalleryMode::Off, false, false), (GalleryMode::Date, true, true), (GalleryMode::Results, true, false)] {
            assert_eq!(may_change(Revoke, mode, open, showable), Ok(()));
        }
    }

    #[test]
    fn a_work_is_shown_only_when_sent_with_consent_and_its_participant_still_here() {
        let s = |submitted, consent, participant_gone| Showable { submitted, consent, participant_gone }.shown();
        assert!(s(true, true, false));
        assert!(!s(true, false, false));
        assert!(!s(false, true, false));
        assert!(!s(true, true, true));
    }

    #[test]
    fn filters_read_what_they_can_and_pages_stay_in_range() {
        assert_eq!(Filter::parse("3", "", "first"), Filter { nomination: Some(3), age_group: None, award: Some("first".into()) });
        assert_eq!(Filter::parse("-1", "x", "gold"), Filter::default());
        let f = Filter::parse("3", "7", "");
        assert!(f.accepts(3, Some(7), None));
        assert!(!f.accepts(3, None, None));
        assert!(!f.accepts(4, Some(7), Some("first")));
        assert!(Filter::parse("", "", "mention").accepts(1, None, Some("mention")));
        assert!(!Filter::parse("", "", "mention").accepts(1, None, None));
        assert_eq!(page_range(0, 1), (0..0, 1));
        assert_eq!(page_range(1000, 1), (0..24, 42));
        assert_eq!(page_range(1000, 42), (984..1000, 42));
        assert_eq!(page_range(1000, 99), (984..1000, 42));
        assert_eq!(page_range(1000, 0), (0..24, 42));
    }
}
