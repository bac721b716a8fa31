//! The words of rounds (server-only: rendered by the server alone, kept out of the WASM).

crate::server_texts! {
    pub enum RoundText {
        MailSubject { kk: "«{title}» келесі кезеңге өтті", ru: "«{title}» проходит в следующий тур", en: "“{title}” goes on to the next round" }
        Rounds { kk: "Кезеңдер", ru: "Туры", en: "Rounds" }
        Intro { kk: "Кезең жеңімпаздары келесі кезеңге өтеді: келесі кезеңнің ұйымдастырушылары бұл кезеңді өздерінікіне қосады, ал бұл кезеңнің ұйымдастырушылары кім өтетінін шешеді. Жұмыс файлдарымен бірге өтеді, қайта жүктеу керек емес.", ru: "Победители тура проходят в следующий: организаторы следующего тура добавляют этот тур к своему, а организаторы этого тура решают, кто проходит. Работа переходит со своими файлами, загружать заново не нужно.", en: "A round's winners go on to the next round: its organisers add this round to theirs, and this round's organisers choose who advances. A work goes on with its files; nothing is uploaded again." }
        FedBy { kk: "Бұл кезеңге жұмыс жіберетін кезеңдер", ru: "Туры, из которых работы проходят сюда", en: "Rounds whose works advance into this one" }
        Feeds { kk: "Келесі кезеңдер", ru: "Следующие туры", en: "Next rounds" }
        NoneYet { kk: "Әзірге жоқ.", ru: "Пока нет.", en: "None yet." }
        Source { kk: "Алдыңғы кезең байқауының мекенжайы (сілтемесі)", ru: "Адрес (ссылка) конкурса предыдущего тура", en: "The feeding round's contest address (its link)" }
        Add { kk: "Қосу", ru: "Добавить", en: "Add" }
        Who { kk: "Кім өтеді", ru: "Кто проходит", en: "Who advances" }
        AllGroups { kk: "барлық жас топтары", ru: "все возрастные группы", en: "every age group" }
        Group { kk: "Жас тобы", ru: "Возрастная группа", en: "Age group" }
        Kind { kk: "Ереже", ru: "Правило", en: "Rule" }
        KindTop { kk: "Алғашқы орындар (саны)", ru: "Первые места (сколько)", en: "The first places (how many)" }
        KindMin { kk: "Ең аз балл, %", ru: "Не ниже балла, %", en: "At least this score, %" }
        KindAward { kk: "Марапат немесе жоғары: ", ru: "Награда или выше: ", en: "This award or better: " }
        Value { kk: "Саны немесе балл", ru: "Число или балл", en: "Number or score" }
        Boundary { kk: "Шекарадағы ортақ орын", ru: "Общее место на границе", en: "A place shared at the cut-off" }
        BoundaryAll { kk: "бәрі өтеді", ru: "проходят все", en: "all who share it advance" }
        BoundaryNone { kk: "ешқайсысы өтпейді", ru: "не проходит никто", en: "none of them advances" }
        SaveRule { kk: "Ережені сақтау", ru: "Сохранить правило", en: "Save the rule" }
        Current { kk: "Қазіргі ереже: ", ru: "Сейчас: ", en: "Now: " }
        Advance { kk: "Ереже бойынша өткізу", ru: "Перевести по правилам", en: "Advance by the rules" }
        Chosen { kk: "Немесе жұмыстарды кодымен таңдаңыз", ru: "Или выберите работы по кодам", en: "Or choose works by their codes" }
        Codes { kk: "Кодтар (әр жолға біреу)", ru: "Коды (по одному в строке)", en: "Codes (one per line)" }
        Reason { kk: "Себебі (әрекеттер журналына жазылады)", ru: "Причина (записывается в журнал действий)", en: "Reason (kept in the audit log)" }
        AdvanceChosen { kk: "Осы жұмыстарды өткізу", ru: "Перевести эти работы", en: "Advance these works" }
        Report { kk: "Өтті: {advanced}. Бұрын өткен: {already}. Келесі кезеңде орны табылмады: {unplaced}", ru: "Переведено: {advanced}. Уже были там: {already}. Не нашлось места в следующем туре: {unplaced}", en: "Advanced: {advanced}. There already: {already}. Without a place in the next round: {unplaced}" }
        Path { kk: "Жұмыстың кезеңдері", ru: "Путь работы по турам", en: "The work's rounds" }
        Place { kk: "{place}-орын", ru: "{place} место", en: "place {place}" }
        MailBody { kk: "{name}, сәлеметсіз бе!\n\n«{title}» жұмысы «{from}» нәтижесі бойынша «{to}» байқауына өтті. Файлдарды қайта жүктеудің қажеті жоқ. Жұмыстың жолы: {link}", ru: "Здравствуйте, {name}!\n\nПо итогам конкурса «{from}» работа «{title}» проходит в конкурс «{to}». Загружать файлы заново не нужно. Путь работы: {link}", en: "Hello {name},\n\nBy the results of “{from}”, “{title}” goes on to “{to}”. There is no need to upload its files again. Its path: {link}" }
    }
}
