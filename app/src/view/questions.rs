//! What the server sends the browser about the contest's own entry questions: an entry's
//! answers, and the words an answer is shown in.

use serde::{Deserialize, Serialize};

/// One of the contest's own questions and an entry's answer (as stored; see
/// `domain::question::read_answer`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerView {
    pub question: crate::domain::question::Question,
    pub value: Option<String>,
}

crate::server_texts! {
    /// A yes/no answer's words (server-only: see `server_texts!`).
    pub enum YesNo {
        Yes { kk: "Иә", ru: "Да", en: "Yes" }
        No { kk: "Жоқ", ru: "Нет", en: "No" }
    }
}

/// An answer in words: a choice's option labels, yes or no, else as stored.
pub fn answer_words(a: &AnswerView, lang: crate::i18n::Lang) -> Option<String> {
    a.value.as_deref().map(|v| value_words(&a.question, v, lang))
}

/// A stored answer to `q` in words (see [`answer_words`]).
pub fn value_words(q: &crate::domain::question::Question, value: &str, lang: crate::i18n::Lang) -> String {
    use crate::domain::question::QuestionKind;
    let option = |i: &str| i.parse::<usize>().ok().and_then(|i| q.options.get(i)).and_then(|o| o.pick(lang)).map(|(s, _)| s.to_owned());
    match q.kind {
        QuestionKind::ChoiceOne | QuestionKind::ChoiceMany => value.split(',').filter_map(option).collect::<Vec<_>>().join(", "),
        QuestionKind::YesNo if value == "yes" => YesNo::Yes.text(lang).to_owned(),
        QuestionKind::YesNo => YesNo::No.text(lang).to_owned(),
        _ => value.to_owned(),
    }
}
