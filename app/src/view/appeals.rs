//! The words of appeals (server-only: the pages that show them are rendered by the server
//! alone, and their words stay out of the WASM).

use crate::domain::appeal::AppealState;

crate::server_texts! {
    pub enum AppealText {
        Title { kk: "Апелляция", ru: "Апелляция", en: "Appeal" }
        Until { kk: "Нәтижемен келіспесеңіз, бір рет апелляция бере аласыз. Мерзімі: ", ru: "Если вы не согласны с результатом, можно один раз подать апелляцию. Срок: ", en: "If you disagree with this result, you may appeal once, until " }
        How { kk: "Жұмысты бұрын бағаламаған басқа қазы қайта қарайды; шешімді ұйымдастырушылар жазады.", ru: "Работу пересмотрит другой член жюри, который её не оценивал; решение напишут организаторы.", en: "A judge who has not scored the work will review it again; the organisers write the decision." }
        Reason { kk: "Неге келіспейсіз? (2000 таңбаға дейін)", ru: "Почему вы не согласны? (до 2000 знаков)", en: "Why do you disagree? (up to 2,000 characters)" }
        Send { kk: "Апелляция беру", ru: "Подать апелляцию", en: "File the appeal" }
        Sent { kk: "Апелляция қабылданды. Шешім шыққанда хат келеді.", ru: "Апелляция принята. Когда будет решение, придёт письмо.", en: "Your appeal is filed. You will get an e-mail when it is decided." }
        Filed { kk: "Берілді: қазыны күтуде", ru: "Подана: ждёт члена жюри", en: "Filed: waiting for a judge" }
        Assigned { kk: "Қазы қайта қарап жатыр", ru: "Член жюри пересматривает работу", en: "A judge is reviewing the work again" }
        Upheld { kk: "Қанағаттандырылды: нәтиже түзетілді", ru: "Удовлетворена: результат исправлен", en: "Upheld: the result was corrected" }
        Rejected { kk: "Қанағаттандырылмады: нәтиже өзгермейді", ru: "Отклонена: результат остаётся", en: "Rejected: the result stands" }
        YourReason { kk: "Сіздің себебіңіз", ru: "Ваша причина", en: "Your reason" }
        ReplyHeading { kk: "Ұйымдастырушылардың жауабы", ru: "Ответ организаторов", en: "The organisers' reply" }
        FiledAt { kk: "Берілген уақыты: ", ru: "Подана: ", en: "Filed: " }
        DecidedAt { kk: "Шешім уақыты: ", ru: "Решение: ", en: "Decided: " }
        Appeals { kk: "Апелляциялар", ru: "Апелляции", en: "Appeals" }
        Days { kk: "Жарияланғаннан кейінгі апелляция күндері (0 — апелляция жоқ)", ru: "Дней на апелляцию после публикации (0 — без апелляций)", en: "Days for appeals after publication (0: no appeals)" }
        Open { kk: "Апелляция қабылданады: ", ru: "Апелляции принимаются до ", en: "Appeals are accepted until " }
        None { kk: "Апелляция жоқ.", ru: "Апелляций нет.", en: "No appeals." }
        GiveTo { kk: "Қайта қарайтын қазы", ru: "Кто пересмотрит", en: "Judge to review it" }
        Give { kk: "Қазыға беру", ru: "Передать", en: "Give to the judge" }
        NoJudge { kk: "Бұл жұмысты бағаламаған бос қазы жоқ: жаңа қазы шақырыңыз.", ru: "Нет члена жюри, который не оценивал эту работу: пригласите нового.", en: "No judge who has not scored this work: invite one." }
        Judge { kk: "Қазы: ", ru: "Член жюри: ", en: "Judge: " }
        Waiting { kk: "Қазының бағасы күтілуде.", ru: "Ждём оценку члена жюри.", en: "Waiting for the judge's sheet." }
        Reviewed { kk: "Қазы бағасын жіберді: шешім қабылдауға болады.", ru: "Член жюри отправил оценку: можно решать.", en: "The judge has submitted: you may decide." }
        Reply { kk: "Қатысушыға жауап (қанағаттандырылса, нәтижелер бетінде көрсетіледі)", ru: "Ответ участнику (если апелляция удовлетворена, он виден на странице итогов)", en: "Reply to the entrant (shown on the results page if upheld)" }
        Uphold { kk: "Қанағаттандыру: түзетілген нәтижені жариялау", ru: "Удовлетворить: опубликовать исправленные итоги", en: "Uphold: publish the corrected results" }
        Reject { kk: "Қанағаттандырмау: нәтиже өзгермейді", ru: "Отклонить: результат остаётся", en: "Reject: the result stands" }
        Corrections { kk: "Түзетулер", ru: "Исправления", en: "Corrections" }
        CorrectedOn { kk: "Апелляциядан кейін түзетілді: ", ru: "Исправлено после апелляции: ", en: "Corrected after an appeal on " }
        Was { kk: "Бұрын", ru: "Было", en: "Was" }
        Now { kk: "Қазір", ru: "Стало", en: "Now" }
        Place { kk: "{place}-орын", ru: "{place} место", en: "place {place}" }
        Why { kk: "Себебі: ", ru: "Причина: ", en: "Reason: " }
        MailDecidedSubject { kk: "Апелляция бойынша шешім: «{title}»", ru: "Решение по апелляции: «{title}»", en: "Your appeal is decided: “{title}”" }
        MailDecidedBody { kk: "{name}, сәлеметсіз бе!\n\n«{contest}» байқауындағы «{title}» жұмысы бойынша апелляцияңызға шешім шықты: {verdict}.\n\nЖауап:\n{reply}\n\nТолығырақ: {link}", ru: "Здравствуйте, {name}!\n\nПо вашей апелляции на результат работы «{title}» в конкурсе «{contest}» принято решение: {verdict}.\n\nОтвет:\n{reply}\n\nПодробнее: {link}", en: "Hello {name},\n\nYour appeal on the result of “{title}” in “{contest}” is decided: {verdict}.\n\nReply:\n{reply}\n\nDetails: {link}" }
        MailCorrectedSubject { kk: "«{contest}» нәтижелері түзетілді", ru: "Итоги конкурса «{contest}» исправлены", en: "The results of “{contest}” were corrected" }
        MailCorrectedBody { kk: "{name}, сәлеметсіз бе!\n\nАпелляциядан кейін «{contest}» нәтижелері түзетілді, «{title}» жұмысының нәтижесі өзгерді. Жаңа нәтиже мен құжаттар: {link}", ru: "Здравствуйте, {name}!\n\nПосле апелляции итоги конкурса «{contest}» исправлены, результат работы «{title}» изменился. Новый результат и документы: {link}", en: "Hello {name},\n\nAfter an appeal the results of “{contest}” were corrected, and the result of “{title}” changed. The new result and documents: {link}" }
        MailReviewSubject { kk: "Апелляция: жұмысты қайта бағалаңыз", ru: "Апелляция: оцените работу повторно", en: "An appeal: please score a work again" }
        MailReviewBody { kk: "{name}, сәлеметсіз бе!\n\n«{contest}» байқауында апелляция берілді. Сізге {code} жұмысы қайта бағалауға берілді: {link}", ru: "Здравствуйте, {name}!\n\nВ конкурсе «{contest}» подана апелляция. Вам передана на повторную оценку работа {code}: {link}", en: "Hello {name},\n\nAn appeal was filed in “{contest}”. You are asked to score work {code} again: {link}" }
        Revoked { kk: "Апелляциядан кейін нәтиже түзетілді, жаңа құжат берілді", ru: "Результат исправлен после апелляции, выдан новый документ", en: "The result was corrected after an appeal; a new document was issued" }
    }
}

/// The words for where an appeal stands.
pub fn state_text(state: AppealState) -> AppealText {
    match state {
        AppealState::Filed => AppealText::Filed,
        AppealState::Assigned => AppealText::Assigned,
        AppealState::Upheld => AppealText::Upheld,
        AppealState::Rejected => AppealText::Rejected,
    }
}
