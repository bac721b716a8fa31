//! The words of rounds (server-only: rendered by the server alone, kept out of the WASM).

crate::server_texts! {
    pub enum RoundText {
        MailSubject { kk: "«{title}» келесі кезеңге өтті", ru: "«{title}» проходит в следующий тур", en: "“{title}” goes on to the next round" }
        Path { kk: "Жұмыстың кезеңдері", ru: "Путь работы по турам", en: "The work's rounds" }
        Place { kk: "{place}-орын", ru: "{place} место", en: "place {place}" }
        MailBody { kk: "{name}, сәлеметсіз бе!\n\n«{title}» жұмысы «{from}» нәтижесі бойынша «{to}» байқауына өтті. Файлдарды қайта жүктеудің қажеті жоқ. Жұмыстың жолы: {link}", ru: "Здравствуйте, {name}!\n\nПо итогам конкурса «{from}» работа «{title}» проходит в конкурс «{to}». Загружать файлы заново не нужно. Путь работы: {link}", en: "Hello {name},\n\nBy the results of “{from}”, “{title}” goes on to “{to}”. There is no need to upload its files again. Its path: {link}" }
    }
}
