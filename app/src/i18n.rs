//! Every user-visible string, in every language we ship. The table below is
//! the only place UI text lives; a message without a translation does not
//! compile.
//!
//! Components call [`t`] for a reactive text that follows the language switch.

use crate::model::{Field, MeetingForm, Problem};
use crate::offline::{ItemState, StorageError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A language the interface is available in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ro,
}

// Written and read as its code (`"ro"`), by hand (smaller in the browser).
impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::model::role::key_from(deserializer, Lang::from_code)
    }
}

/// The cookie that remembers the language choice (read by the server to render
/// the first page in the right language).
pub const LANG_COOKIE: &str = "pb_lang";

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ro];

    /// The BCP 47 code, as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ro => "ro",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ro => "Română",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.iter().copied().find(|l| l.code() == primary)
    }

    /// The first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Lang::from_code)
    }

    /// The language stored in a `Cookie` header, if any.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
    }
}

macro_rules! messages {
    ($($key:ident { en: $en:literal, ro: $ro:literal $(,)? })*) => {
        /// A user-visible message. Its text depends on the language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($key),*
        }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }

        /// The texts are compiled into the server only; the browser fetches
        /// the table of the language it shows ([`table_json`]).
        #[cfg(feature = "ssr")]
        fn compiled(msg: Msg, lang: Lang) -> &'static str {
            match lang {
                Lang::En => match msg { $(Msg::$key => $en),* },
                Lang::Ro => match msg { $(Msg::$key => $ro),* },
            }
        }
    };
}

messages! {
    AppName { en: "Parent Bridge", ro: "Parent Bridge" }
    SkipToContent { en: "Skip to main content", ro: "Salt la conținutul principal" }
    LanguageLabel { en: "Language", ro: "Limba" }
    MainNavigation { en: "Main navigation", ro: "Navigare principală" }
    Menu { en: "Menu", ro: "Meniu" }
    LogIn { en: "Log in", ro: "Autentificare" }
    LogOut { en: "Log out", ro: "Deconectare" }
    LoggingIn { en: "Logging in…", ro: "Se face autentificarea…" }
    Loading { en: "Loading…", ro: "Se încarcă…" }
    Saving { en: "Saving…", ro: "Se salvează…" }
    SignedInAs { en: "Logged in as {name}", ro: "Autentificat ca {name}" }

    LoginTitle { en: "Log in to Parent Bridge", ro: "Autentificare în Parent Bridge" }
    LoginIntro { en: "Parent-to-parent mentoring: meeting logs, reports and support in one place.", ro: "Mentorat de la părinte la părinte: jurnale de întâlnire, rapoarte și sprijin într-un singur loc." }
    EmailLabel { en: "Email", ro: "Adresă de e-mail" }
    PasswordLabel { en: "Password", ro: "Parolă" }
    WrongCredentials { en: "The email or the password is not right.", ro: "Adresa de e-mail sau parola nu este corectă." }
    TooManyAttempts { en: "Too many attempts. Please wait {minutes} minutes, then try again.", ro: "Prea multe încercări. Așteptați {minutes} minute, apoi încercați din nou." }
    NetworkError { en: "The server could not be reached. Check the connection and try again.", ro: "Serverul nu poate fi contactat. Verificați conexiunea și încercați din nou." }
    ServerError { en: "Something went wrong on our side. Please try again; if it keeps happening, tell your coordinator.", ro: "Ceva nu a funcționat la noi. Încercați din nou; dacă se repetă, anunțați coordonatorul." }
    SessionEnded { en: "Your session has ended. Please log in again.", ro: "Sesiunea s-a încheiat. Autentificați-vă din nou." }
    InvalidRequest { en: "The request was not valid.", ro: "Cererea nu este validă." }
    OfflineNeedLogin { en: "You are offline. Log in once while online to use Parent Bridge on this phone.", ro: "Sunteți offline. Autentificați-vă o dată când aveți conexiune pentru a folosi Parent Bridge pe acest telefon." }

    NavMentees { en: "My mentees", ro: "Mentorații mei" }
    NavNewLog { en: "New meeting log", ro: "Jurnal nou de întâlnire" }
    NavMyLogs { en: "My meeting logs", ro: "Jurnalele mele" }
    NavOutbox { en: "Outbox", ro: "De trimis" }
    NavProgrammeLogs { en: "Meeting logs", ro: "Jurnale de întâlnire" }
    NavOverview { en: "Programme overview", ro: "Prezentarea programului" }
    NavMyMentoring { en: "My mentoring", ro: "Mentoratul meu" }


    MentorHomeTitle { en: "My mentees", ro: "Mentorații mei" }
    NoMentees { en: "You have no mentees yet. Your mentor manager will match you with a mentee.", ro: "Nu aveți încă mentorați. Managerul de mentori vă va asocia cu un mentorat." }
    MentoringSince { en: "Mentoring since {date}", ro: "Mentorat din {date}" }
    PairEndedBadge { en: "Ended", ro: "Încheiat" }
    LogAMeeting { en: "Log a meeting", ro: "Completează jurnalul" }
    SeeLogs { en: "See logs", ro: "Vezi jurnalele" }
    RecentLogs { en: "Recent meeting logs", ro: "Jurnale recente" }
    NoLogsYet { en: "No meeting logs yet. After each meeting with a mentee, fill in a meeting log.", ro: "Nu există încă jurnale. După fiecare întâlnire cu un mentorat, completați un jurnal." }

    FormTitle { en: "Mentoring meeting log", ro: "Jurnalul întâlnirii de mentorat" }
    FormIntro { en: "Please fill out this form after each meeting you have with each of your mentees.", ro: "Vă rugăm să completați acest formular după fiecare întâlnire cu fiecare dintre mentorații dumneavoastră." }
    MenteeLabel { en: "Mentee", ro: "Mentorat" }
    ChooseMentee { en: "Choose a mentee", ro: "Alegeți un mentorat" }
    DateLabel { en: "Date", ro: "Data" }
    FormLabel { en: "Form of meeting", ro: "Forma întâlnirii" }
    FormFaceToFace { en: "Face-to-face", ro: "Față în față" }
    FormTelephone { en: "Telephone", ro: "Telefon" }
    FormEmail { en: "Email", ro: "E-mail" }
    FormVideoCall { en: "Video call (Skype or another web conference tool)", ro: "Apel video (Skype sau alt instrument de videoconferință)" }
    FormOther { en: "Other", ro: "Altă formă" }
    DurationLabel { en: "Duration of the meeting: how long it lasted", ro: "Durata întâlnirii: cât a durat" }
    HoursLabel { en: "Hours", ro: "Ore" }
    MinutesLabel { en: "Minutes", ro: "Minute" }
    DescriptionLabel { en: "Write a brief description of what you did during this meeting (include where you met, activities you did, planned or unplanned, main topics of discussion)", ro: "Descrieți pe scurt ce ați făcut în timpul acestei întâlniri (unde v-ați întâlnit, activitățile făcute, planificate sau nu, principalele subiecte discutate)" }
    WentWellLabel { en: "Do you think the session went well? What are the next steps you and your mentee will work on?", ro: "Credeți că întâlnirea a mers bine? Care sunt următorii pași la care veți lucra împreună cu mentoratul?" }
    ChallengeLabel { en: "Is there any challenge or dilemma you are facing?", ro: "Vă confruntați cu vreo provocare sau dilemă?" }
    ChallengeTextLabel { en: "If YES, please describe it", ro: "Dacă DA, vă rugăm să o descrieți" }
    Yes { en: "Yes", ro: "Da" }
    No { en: "No", ro: "Nu" }
    SaveLog { en: "Save meeting log", ro: "Salvează jurnalul" }
    DraftSaved { en: "Draft saved on this phone", ro: "Ciornă salvată pe acest telefon" }
    DraftRestored { en: "Your unfinished log was kept on this phone: carry on where you stopped.", ro: "Jurnalul neterminat a fost păstrat pe acest telefon: continuați de unde ați rămas." }
    FixErrors { en: "Please correct the marked fields.", ro: "Vă rugăm să corectați câmpurile marcate." }
    LogSavedOnPhone { en: "Meeting log saved on this phone. It will be sent when you are online.", ro: "Jurnalul a fost salvat pe acest telefon. Va fi trimis când aveți conexiune." }
    LogSending { en: "Meeting log saved on this phone, sending it now…", ro: "Jurnalul a fost salvat pe acest telefon și se trimite acum…" }
    LogSent { en: "Meeting log sent.", ro: "Jurnalul a fost trimis." }
    LogNeedsAttention { en: "The meeting log was saved on this phone, but the server did not accept it. See the outbox.", ro: "Jurnalul a fost salvat pe acest telefon, dar serverul nu l-a acceptat. Vedeți lista de trimis." }
    ClearDraft { en: "Clear the form", ro: "Golește formularul" }
    ConfirmClearDraft { en: "Clear everything typed in this form?", ro: "Ștergeți tot ce ați scris în acest formular?" }
    RequiredMark { en: "required", ro: "obligatoriu" }

    ProblemRequired { en: "Please fill this in.", ro: "Vă rugăm să completați." }
    ProblemNotADate { en: "Please enter a date as year-month-day.", ro: "Introduceți o dată în forma an-lună-zi." }
    ProblemDateInFuture { en: "The date cannot be in the future.", ro: "Data nu poate fi în viitor." }
    ProblemDateBeforePairStart { en: "The date cannot be before the mentoring started.", ro: "Data nu poate fi înainte de începutul mentoratului." }
    ProblemNotANumber { en: "Please enter whole numbers.", ro: "Introduceți numere întregi." }
    ProblemMinutesOutOfRange { en: "Minutes must be between 0 and 59.", ro: "Minutele trebuie să fie între 0 și 59." }
    ProblemDurationTooShort { en: "A meeting lasts at least 1 minute.", ro: "O întâlnire durează cel puțin 1 minut." }
    ProblemDurationTooLong { en: "A meeting lasts at most 8 hours.", ro: "O întâlnire durează cel mult 8 ore." }
    ProblemTooLong { en: "This text is too long (at most 5,000 characters).", ro: "Textul este prea lung (cel mult 5.000 de caractere)." }
    ProblemUnknownChoice { en: "Please choose one of the options.", ro: "Alegeți una dintre opțiuni." }
    ProblemUnknownPair { en: "Please choose one of your mentees.", ro: "Alegeți unul dintre mentorații dumneavoastră." }
    ProblemNotYourPair { en: "This mentee is not one of yours.", ro: "Acest mentorat nu este al dumneavoastră." }
    ProblemPairEnded { en: "This mentoring has ended; no new logs can be added.", ro: "Acest mentorat s-a încheiat; nu se mai pot adăuga jurnale." }
    ProblemControlCharacter { en: "This text holds an invisible control character (perhaps pasted from another app). Please retype the part that was pasted.", ro: "Textul conține un caracter de control invizibil (poate copiat din altă aplicație). Vă rugăm să rescrieți partea copiată." }
    ProblemTooLarge { en: "This log is too large to send. Shorten its texts, then save it again.", ro: "Acest jurnal este prea mare pentru a fi trimis. Scurtați textele, apoi salvați-l din nou." }
    ProblemUnreadable { en: "The server could not read this log. Open it, check it and save it again.", ro: "Serverul nu a putut citi acest jurnal. Deschideți-l, verificați-l și salvați-l din nou." }
    ProblemNotAccepted { en: "The server could not store this log, although it stored the others. Open it and save it again; if it keeps happening, tell your mentor manager.", ro: "Serverul nu a putut păstra acest jurnal, deși le-a păstrat pe celelalte. Deschideți-l și salvați-l din nou; dacă se repetă, anunțați managerul de mentori." }
    ProblemContentDamaged { en: "The log was damaged on its way to the server. Open it, check it and save it again.", ro: "Jurnalul s-a deteriorat pe drum spre server. Deschideți-l, verificați-l și salvați-l din nou." }

    LogsTitle { en: "My meeting logs", ro: "Jurnalele mele" }
    ShowLogsOf { en: "Show logs of", ro: "Arată jurnalele pentru" }
    AllMentees { en: "All mentees", ro: "Toți mentorații" }
    DurationValue { en: "{h} h {m} min", ro: "{h} h {m} min" }
    DurationHours { en: "{h} h", ro: "{h} h" }
    DurationMinutes { en: "{m} min", ro: "{m} min" }
    ChallengeBadge { en: "Challenge", ro: "Provocare" }
    WithMentee { en: "with {name}", ro: "cu {name}" }
    NextSteps { en: "Went well / next steps", ro: "A mers bine / pașii următori" }
    ChallengeHeading { en: "Challenge or dilemma", ro: "Provocare sau dilemă" }

    ManagerTitle { en: "Meeting logs of my programme", ro: "Jurnalele de întâlnire din programul meu" }
    ManagerIntro { en: "Newest first. Logs that report a challenge or dilemma are marked.", ro: "Cele mai noi primele. Jurnalele care semnalează o provocare sau o dilemă sunt marcate." }
    NoProgrammeLogs { en: "No meeting logs yet in your programme.", ro: "Nu există încă jurnale de întâlnire în programul dumneavoastră." }
    OnlyChallenges { en: "Only logs with a challenge", ro: "Doar jurnalele cu provocări" }
    MentorLabel { en: "Mentor", ro: "Mentor" }
    LogsShown { en: "{n} of {total} logs shown", ro: "{n} din {total} jurnale afișate" }

    OverviewTitle { en: "Programme overview", ro: "Prezentarea programului" }
    OverviewIntro { en: "Counts only: the content of meeting logs stays with the mentors and their manager.", ro: "Doar cifre: conținutul jurnalelor rămâne la mentori și la managerul lor." }
    NoProgrammes { en: "You do not coordinate a programme yet.", ro: "Nu coordonați încă niciun program." }
    ColProgramme { en: "Programme", ro: "Program" }
    ColActivePairs { en: "Active pairs", ro: "Perechi active" }
    ColEndedPairs { en: "Ended pairs", ro: "Perechi încheiate" }
    ColMentors { en: "Mentors", ro: "Mentori" }
    ColMentees { en: "Mentees", ro: "Mentorați" }
    ColMeetings { en: "Meetings", ro: "Întâlniri" }
    ColHours { en: "Hours of mentoring", ro: "Ore de mentorat" }
    ColChallenges { en: "Meetings with a challenge", ro: "Întâlniri cu provocări" }

    MenteeTitle { en: "My mentoring", ro: "Mentoratul meu" }
    YourMentor { en: "Your mentor: {name}", ro: "Mentorul dumneavoastră: {name}" }
    InProgramme { en: "Programme: {name}", ro: "Program: {name}" }
    NotMatchedYet { en: "You are not matched with a mentor yet. Your mentor manager will contact you.", ro: "Nu aveți încă un mentor. Managerul de mentori vă va contacta." }
    MenteePrivacy { en: "What you share with your mentor stays between you, your mentor and the mentor manager.", ro: "Ce împărtășiți cu mentorul rămâne între dumneavoastră, mentor și managerul de mentori." }
    NoRoleText { en: "Your account has no role in a programme yet. Please contact your coordinator.", ro: "Contul dumneavoastră nu are încă un rol într-un program. Contactați coordonatorul." }

    NotFoundTitle { en: "Page not found", ro: "Pagina nu a fost găsită" }
    NotFoundText { en: "There is nothing at this address.", ro: "Nu există nimic la această adresă." }
    ForbiddenTitle { en: "Not allowed", ro: "Acces nepermis" }
    ForbiddenText { en: "Your account may not open this page.", ro: "Contul dumneavoastră nu are acces la această pagină." }
    ServerErrorTitle { en: "Something went wrong", ro: "Ceva nu a funcționat" }
    GoHome { en: "Go to my home page", ro: "Mergi la pagina mea" }
    TryAgain { en: "Try again", ro: "Încearcă din nou" }

    SyncState { en: "Sync state", ro: "Starea sincronizării" }
    WaitingCount { en: "Waiting to sync: {n}", ro: "De sincronizat: {n}" }
    LastSync { en: "Last sync: {time}", ro: "Ultima sincronizare: {time}" }
    NeverSynced { en: "Not synced yet", ro: "Nesincronizat încă" }
    SyncNow { en: "Sync now", ro: "Sincronizează" }
    SyncAllSent { en: "All sent", ro: "Totul trimis" }
    SyncAllSentAt { en: "All sent · {time}", ro: "Totul trimis · {time}" }
    SyncSending { en: "Sending {n}…", ro: "Se trimit {n}…" }
    SyncWaitingRetry { en: "{n} waiting · trying again soon", ro: "{n} de trimis · se reîncearcă" }
    SyncOfflineWaiting { en: "Offline · {n} saved on this phone", ro: "Offline · {n} salvate pe telefon" }
    SyncOfflineNothing { en: "Offline · nothing waiting", ro: "Offline · nimic de trimis" }
    SyncAttention { en: "{n} need attention", ro: "{n} necesită atenție" }
    SyncNeedsLogin { en: "Log in again to send {n}", ro: "Autentificați-vă pentru a trimite {n}" }
    StateDraft { en: "Unfinished draft", ro: "Ciornă neterminată" }
    StateWaiting { en: "Waiting to sync", ro: "Așteaptă sincronizarea" }
    StateSynced { en: "Synced", ro: "Sincronizat" }
    StateAttention { en: "Needs attention", ro: "Necesită atenție" }
    ReasonConflict { en: "A different log with the same id is already on the server. Nothing was overwritten. Send yours as a new log, or discard it.", ro: "Pe server există deja alt jurnal cu același identificator. Nimic nu a fost suprascris. Trimiteți-l pe al dumneavoastră ca jurnal nou sau renunțați la el." }
    OutboxTitle { en: "Outbox", ro: "De trimis" }
    OutboxIntro { en: "Meeting logs saved on this phone and whether they have reached the server.", ro: "Jurnalele salvate pe acest telefon și dacă au ajuns pe server." }
    OutboxEmpty { en: "Nothing saved on this phone yet.", ro: "Nimic salvat încă pe acest telefon." }
    OpenAndFix { en: "Open and fix", ro: "Deschide și corectează" }
    SendAsNew { en: "Send as a new log", ro: "Trimite ca jurnal nou" }
    Discard { en: "Discard", ro: "Renunță" }
    ConfirmDiscard { en: "Delete this log from the phone? It has not reached the server and cannot be recovered.", ro: "Ștergeți acest jurnal de pe telefon? Nu a ajuns pe server și nu mai poate fi recuperat." }
    AlreadyInOutbox { en: "This log was already saved (perhaps in another tab). It was not saved twice.", ro: "Acest jurnal a fost deja salvat (poate în altă filă). Nu a fost salvat de două ori." }
    StorageFull { en: "The phone's storage for Parent Bridge is full. Sync, then try again; what you typed is still in the form.", ro: "Spațiul de stocare al telefonului pentru Parent Bridge este plin. Sincronizați, apoi încercați din nou; ce ați scris este încă în formular." }
    StorageUnavailable { en: "This browser does not let Parent Bridge keep data on the phone, so logs cannot be saved offline. Allow site data (or leave private browsing), then try again; what you typed is still in the form.", ro: "Acest browser nu permite aplicației Parent Bridge să păstreze date pe telefon, deci jurnalele nu pot fi salvate offline. Permiteți datele site-ului (sau ieșiți din navigarea privată), apoi încercați din nou; ce ați scris este încă în formular." }
    StorageFailed { en: "The phone could not save Parent Bridge's data. Please try again; what you typed is still in the form.", ro: "Telefonul nu a putut salva datele Parent Bridge. Încercați din nou; ce ați scris este încă în formular." }
    PersistRefused { en: "This browser may delete saved logs when space runs low. Sync whenever you can.", ro: "Acest browser poate șterge jurnalele salvate când spațiul se termină. Sincronizați cât de des puteți." }
    UpdateAvailable { en: "A new version of Parent Bridge is ready. Your drafts and waiting logs are kept.", ro: "O nouă versiune Parent Bridge este disponibilă. Ciornele și jurnalele în așteptare se păstrează." }
    ReloadNow { en: "Reload now", ro: "Reîncarcă acum" }
    Understood { en: "Understood", ro: "Am înțeles" }
    Later { en: "Later", ro: "Mai târziu" }
    UnsyncedAtLogout { en: "Some meeting logs have not reached the server yet ({n}). If you log out now they stay on this phone and are sent after you log in again.", ro: "Unele jurnale nu au ajuns încă pe server ({n}). Dacă vă deconectați acum, ele rămân pe telefon și vor fi trimise după ce vă autentificați din nou." }
    SyncFirst { en: "Sync first", ro: "Sincronizează întâi" }
    LogOutAnyway { en: "Log out anyway", ro: "Deconectează-mă oricum" }
    Cancel { en: "Cancel", ro: "Anulează" }
    ShownFromPhone { en: "You are offline: showing what is saved on this phone.", ro: "Sunteți offline: se afișează ce este salvat pe acest telefon." }
}

impl Msg {
    /// The message's text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        #[cfg(feature = "ssr")]
        {
            compiled(self, lang)
        }
        #[cfg(not(feature = "ssr"))]
        {
            tables::text(lang, self as usize)
        }
    }

    /// The text with `{name}` placeholders filled in.
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut text = self.text(lang).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// One language's texts as JSON, in the order of [`Msg::ALL`]: what the
/// browser fetches to show that language.
#[cfg(feature = "ssr")]
pub fn table_json(lang: Lang) -> String {
    let texts: Vec<&str> = Msg::ALL.iter().map(|m| m.text(lang)).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".to_string())
}

/// Where the browser fetches `lang`'s texts: the name carries a hash of the
/// texts, so a changed table has a new address (cached for good otherwise).
#[cfg(feature = "ssr")]
pub fn table_url(lang: Lang) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::OnceLock;
    static URLS: OnceLock<Vec<(Lang, String)>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| {
                let hash = Sha256::digest(table_json(*l).as_bytes());
                (
                    *l,
                    format!("/i18n/{}.{}.json", l.code(), hex::encode(&hash[..6])),
                )
            })
            .collect()
    });
    urls.iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, url)| url.clone())
        .unwrap_or_default()
}

/// The string tables the browser has fetched, kept for the whole visit.
#[cfg(not(feature = "ssr"))]
pub mod tables {
    use super::{Lang, Msg};
    use std::sync::Mutex;
    use wasm_bindgen::JsCast;

    static TABLES: Mutex<Vec<(Lang, &'static [&'static str])>> = Mutex::new(Vec::new());

    /// The text at `index` in `lang`'s table; empty until it is loaded.
    pub fn text(lang: Lang, index: usize) -> &'static str {
        let tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| tables.first())
            .and_then(|(_, table)| table.get(index).copied())
            .unwrap_or("")
    }

    pub fn has(lang: Lang) -> bool {
        let tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables.iter().any(|(l, _)| *l == lang)
    }

    /// Keeps a table parsed from its JSON. The strings live as long as the
    /// app (at most one table per language is ever kept).
    pub fn insert(lang: Lang, json: &str) -> bool {
        let Ok(texts) = serde_json::from_str::<Vec<String>>(json) else {
            return false;
        };
        if texts.len() != Msg::ALL.len() || has(lang) {
            return has(lang);
        }
        let leaked: Vec<&'static str> = texts
            .into_iter()
            .map(|t| &*Box::leak(t.into_boxed_str()))
            .collect();
        let mut tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables.push((lang, Box::leak(leaked.into_boxed_slice())));
        true
    }

    /// Fetches `lang`'s table (the service worker has it offline). True
    /// once it is there.
    pub async fn fetch(lang: Lang) -> bool {
        if has(lang) {
            return true;
        }
        // The page started fetching its own language's texts with the app.
        if let Some(json) = started_fetch(lang).await {
            if insert(lang, &json) {
                return true;
            }
        }
        let boot = crate::boot::Boot::current();
        let Some(url) = boot.table_url(lang) else {
            return false;
        };
        // Twice: a dropped request on a patchy connection is worth one more.
        for _ in 0..2 {
            if let Some(json) = fetch_text(url).await {
                if insert(lang, &json) {
                    return true;
                }
            }
        }
        false
    }

    /// The texts the page's start script fetched (`window.__pbTexts`), if
    /// `lang` is the page's language.
    async fn started_fetch(lang: Lang) -> Option<String> {
        use wasm_bindgen_futures::JsFuture;
        let html = web_sys::window()?.document()?.document_element()?;
        if Lang::from_code(&html.get_attribute("lang")?) != Some(lang) {
            return None;
        }
        let window: wasm_bindgen::JsValue = web_sys::window()?.into();
        let promise = js_sys::Reflect::get(&window, &"__pbTexts".into()).ok()?;
        let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
        JsFuture::from(promise).await.ok()?.as_string()
    }

    async fn fetch_text(url: &str) -> Option<String> {
        use wasm_bindgen_futures::JsFuture;
        let window = web_sys::window()?;
        let response = JsFuture::from(window.fetch_with_str(url)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}

/// The message that names a form field.
pub fn field_label(field: Field) -> Msg {
    match field {
        Field::Log => Msg::FormTitle,
        Field::Pair => Msg::MenteeLabel,
        Field::Date => Msg::DateLabel,
        Field::Form => Msg::FormLabel,
        Field::Duration => Msg::DurationLabel,
        Field::Description => Msg::DescriptionLabel,
        Field::WentWellNextSteps => Msg::WentWellLabel,
        Field::Challenge => Msg::ChallengeLabel,
        Field::ChallengeText => Msg::ChallengeTextLabel,
    }
}

/// The message that explains a refused value.
pub fn problem_message(problem: Problem) -> Msg {
    match problem {
        Problem::Required => Msg::ProblemRequired,
        Problem::NotADate => Msg::ProblemNotADate,
        Problem::DateInFuture => Msg::ProblemDateInFuture,
        Problem::DateBeforePairStart => Msg::ProblemDateBeforePairStart,
        Problem::NotANumber => Msg::ProblemNotANumber,
        Problem::MinutesOutOfRange => Msg::ProblemMinutesOutOfRange,
        Problem::DurationTooShort => Msg::ProblemDurationTooShort,
        Problem::DurationTooLong => Msg::ProblemDurationTooLong,
        Problem::TooLong => Msg::ProblemTooLong,
        Problem::UnknownChoice => Msg::ProblemUnknownChoice,
        Problem::UnknownPair => Msg::ProblemUnknownPair,
        Problem::NotYourPair => Msg::ProblemNotYourPair,
        Problem::PairEnded => Msg::ProblemPairEnded,
        Problem::ContentDamaged => Msg::ProblemContentDamaged,
        Problem::ControlCharacter => Msg::ProblemControlCharacter,
        Problem::TooLarge => Msg::ProblemTooLarge,
        Problem::Unreadable => Msg::ProblemUnreadable,
        Problem::NotAccepted => Msg::ProblemNotAccepted,
    }
}

/// What to tell the person when the phone's storage refuses to save.
pub fn storage_message(problem: &StorageError) -> Msg {
    match problem {
        StorageError::Full => Msg::StorageFull,
        StorageError::Unavailable => Msg::StorageUnavailable,
        StorageError::Other(_) => Msg::StorageFailed,
    }
}

/// Where a log on this phone stands, in words.
pub fn item_state_label(state: &ItemState) -> Msg {
    match state {
        ItemState::Waiting => Msg::StateWaiting,
        ItemState::Synced { .. } => Msg::StateSynced,
        ItemState::Rejected { .. } | ItemState::Conflict => Msg::StateAttention,
    }
}

pub fn meeting_form_label(form: MeetingForm) -> Msg {
    match form {
        MeetingForm::FaceToFace => Msg::FormFaceToFace,
        MeetingForm::Telephone => Msg::FormTelephone,
        MeetingForm::Email => Msg::FormEmail,
        MeetingForm::VideoCall => Msg::FormVideoCall,
        MeetingForm::Other => Msg::FormOther,
    }
}

/// The language of the interface, shared by every component.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The message's text in the current language (tracked: re-renders on a
    /// language switch).
    pub fn text(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    pub fn fill(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        msg.fill(self.lang.get(), args)
    }

    /// Switches to `lang`, once its texts are there (fetched if needed;
    /// the service worker keeps every table for offline use).
    pub fn choose(&self, lang: Lang) {
        #[cfg(not(feature = "ssr"))]
        if lang != self.lang.get_untracked() {
            let this = *self;
            leptos::task::spawn_local(async move {
                if tables::fetch(lang).await {
                    this.lang.set(lang);
                }
            });
        }
        #[cfg(feature = "ssr")]
        let _ = lang;
    }
}

/// In the browser, before the app starts: fetches the texts of the language
/// the page was rendered in.
#[cfg(not(feature = "ssr"))]
pub async fn load_page_language() {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    if !tables::fetch(lang).await {
        leptos::logging::warn!("the texts of {} could not be loaded", lang.code());
    }
}

pub fn provide_i18n(initial: Lang) -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for a view: `<label>{t(Msg::DateLabel)}</label>`.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_i18n().lang;
    move || msg.text(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextKey;

    #[test]
    fn every_message_has_a_non_empty_text_in_every_language() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !msg.text(*lang).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_the_same_in_every_language() {
        fn placeholders(text: &str) -> Vec<&str> {
            let mut found: Vec<&str> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                .collect();
            found.sort();
            found
        }
        for msg in Msg::ALL {
            assert_eq!(
                placeholders(msg.text(Lang::En)),
                placeholders(msg.text(Lang::Ro)),
                "{msg:?}"
            );
        }
    }

    #[test]
    fn the_romanian_texts_are_not_left_in_english() {
        let same: Vec<&Msg> = Msg::ALL
            .iter()
            .filter(|m| m.text(Lang::En) == m.text(Lang::Ro))
            .collect();
        // Names and words that are the same in both languages.
        let allowed = [
            Msg::AppName,
            Msg::MentorLabel,
            Msg::DurationValue,
            Msg::DurationHours,
            Msg::DurationMinutes,
        ];
        for msg in same {
            assert!(allowed.contains(msg), "{msg:?} is not translated");
        }
    }

    #[test]
    fn every_field_and_problem_has_a_message() {
        for field in Field::ALL {
            assert!(!field_label(*field).text(Lang::Ro).is_empty());
        }
        for problem in Problem::ALL {
            assert!(!problem_message(*problem).text(Lang::Ro).is_empty());
        }
    }

    #[test]
    fn each_storage_problem_has_its_own_message_not_a_server_error() {
        let messages = [
            storage_message(&StorageError::Full),
            storage_message(&StorageError::Unavailable),
            storage_message(&StorageError::Other("quota".into())),
        ];
        assert_eq!(
            messages,
            [
                Msg::StorageFull,
                Msg::StorageUnavailable,
                Msg::StorageFailed
            ]
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            Msg::WaitingCount.fill(Lang::En, &[("n", "3")]),
            "Waiting to sync: 3"
        );
    }

    #[test]
    fn the_language_comes_from_the_cookie() {
        assert_eq!(
            Lang::from_cookie_header("a=b; pb_lang=ro; c=d"),
            Some(Lang::Ro)
        );
        assert_eq!(Lang::from_cookie_header("pb_lang=xx"), None);
    }

    #[test]
    fn the_language_comes_from_the_browser_when_not_chosen() {
        assert_eq!(
            Lang::from_accept_language("fr-FR,ro-RO;q=0.8,en;q=0.5"),
            Some(Lang::Ro)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
    }
}
