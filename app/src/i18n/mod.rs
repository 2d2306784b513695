//! Every user-visible string, in every language we ship. The table below is
//! the only place UI text lives; a message without a translation does not
//! compile.
//!
//! Components call [`t`] for a reactive text that follows the language switch.

use crate::model::{Choice, Field, GoalProgress, MeetingForm, Problem, Question, ReportKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::model::{Lang, LANG_COOKIE};

pub mod format;

macro_rules! messages {
    (
        core { $($ck:ident { en: $cen:literal, ro: $cro:literal $(,)? })* }
        office { $($ok:ident { en: $oen:literal, ro: $oro:literal $(,)? })* }
    ) => {
        /// A user-visible message. Its text depends on the language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($ck,)*
            $($ok,)*
        }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$ck,)* $(Msg::$ok,)*];
            /// The texts every page needs (a mentor's phone loads only these).
            pub const CORE: &'static [Msg] = &[$(Msg::$ck),*];
            /// The texts of the managers' and coordinators' pages.
            pub const OFFICE: &'static [Msg] = &[$(Msg::$ok),*];
        }

        /// The texts are compiled into the server only; the browser fetches
        /// the tables of the language it shows ([`table_json`]).
        #[cfg(feature = "ssr")]
        fn compiled(msg: Msg, lang: Lang) -> &'static str {
            match lang {
                Lang::En => match msg { $(Msg::$ck => $cen,)* $(Msg::$ok => $oen,)* },
                Lang::Ro => match msg { $(Msg::$ck => $cro,)* $(Msg::$ok => $oro,)* },
            }
        }
    };
}

/// A part of the texts, fetched on its own: the core with the app, the
/// office part with the first manager's or coordinator's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Core,
    Office,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Core, Part::Office];

    pub fn key(self) -> &'static str {
        match self {
            Part::Core => "core",
            Part::Office => "office",
        }
    }

    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn messages(self) -> &'static [Msg] {
        match self {
            Part::Core => Msg::CORE,
            Part::Office => Msg::OFFICE,
        }
    }
}

impl Serialize for Part {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::model::role::key_from(deserializer, Part::from_key)
    }
}

impl Msg {
    /// The part of the texts this message is in, and its place there.
    pub fn place(self) -> (Part, usize) {
        let index = self as usize;
        if index < Msg::CORE.len() {
            (Part::Core, index)
        } else {
            (Part::Office, index - Msg::CORE.len())
        }
    }
}

messages! {
core {
    AppName { en: "Parent Bridge", ro: "Parent Bridge" }
    SkipToContent { en: "Skip to main content", ro: "Salt la conținutul principal" }
    LanguageLabel { en: "Language", ro: "Limba" }
    MainNavigation { en: "Main navigation", ro: "Navigare principală" }
    Menu { en: "Menu", ro: "Meniu" }
    LogIn { en: "Log in", ro: "Autentificare" }
    LogOut { en: "Log out", ro: "Deconectare" }
    LoggingIn { en: "Logging in…", ro: "Se face autentificarea…" }
    Loading { en: "Loading…", ro: "Se încarcă…" }
    SignedInAs { en: "Logged in as {name}", ro: "Autentificat ca {name}" }

    LoginTitle { en: "Log in to Parent Bridge", ro: "Autentificare în Parent Bridge" }
    LoginIntro { en: "Parent-to-parent mentoring: meeting logs, reports and support in one place.", ro: "Mentorat de la părinte la părinte: jurnale de întâlnire, rapoarte și sprijin într-un singur loc." }
    EmailLabel { en: "Email", ro: "Adresă de e-mail" }
    PasswordLabel { en: "Password", ro: "Parolă" }
    WrongCredentials { en: "The email or the password is not right.", ro: "Adresa de e-mail sau parola nu este corectă." }
    TooManyAttempts { en: "Too many attempts. Please wait {minutes} min, then try again.", ro: "Prea multe încercări. Așteptați {minutes} min, apoi încercați din nou." }
    ForgotPasswordLink { en: "Forgot your password?", ro: "Ați uitat parola?" }
    TwoStepCodeAsked { en: "Open your authenticator app and type the 6-digit code it shows for Parent Bridge. Lost your phone? Type one of your recovery codes.", ro: "Deschideți aplicația de autentificare și introduceți codul de 6 cifre afișat pentru Parent Bridge. V-ați pierdut telefonul? Introduceți unul dintre codurile de recuperare." }
    LoginCodeLabel { en: "Code", ro: "Cod" }
    VerifyCode { en: "Verify and log in", ro: "Verifică și autentifică-te" }
    ProblemWrongCode { en: "This code is not right, or it was used already. Type the newest code your app shows.", ro: "Acest cod nu este corect sau a fost deja folosit. Introduceți cel mai nou cod afișat de aplicație." }
    SetupNeeded { en: "This server is new: no organisation uses it yet.", ro: "Acest server este nou: nicio organizație nu îl folosește încă." }
    SetupLink { en: "Set it up", ro: "Configurați-l" }
    ServerBusy { en: "Many people are logging in right now. Please try again in a moment.", ro: "Multe persoane se conectează chiar acum. Vă rugăm să încercați din nou peste câteva clipe." }
    NetworkError { en: "The server could not be reached. Check the connection and try again.", ro: "Serverul nu poate fi contactat. Verificați conexiunea și încercați din nou." }
    ServerError { en: "Something went wrong on our side. Please try again; if it keeps happening, tell your coordinator.", ro: "Ceva nu a funcționat la noi. Încercați din nou; dacă se repetă, anunțați coordonatorul." }
    SessionEnded { en: "Your session has ended. Please log in again.", ro: "Sesiunea s-a încheiat. Autentificați-vă din nou." }
    InvalidRequest { en: "The request was not valid.", ro: "Cererea nu este validă." }
    OfflineNeedLogin { en: "You are offline. Log in once while online to use Parent Bridge on this phone.", ro: "Sunteți offline. Autentificați-vă o dată când aveți conexiune pentru a folosi Parent Bridge pe acest telefon." }
    VaultOpening { en: "Opening your data…", ro: "Se deschid datele dumneavoastră…" }
    PinChooseTitle { en: "Choose an app PIN", ro: "Alegeți un PIN pentru aplicație" }
    PinChooseText { en: "What Parent Bridge keeps on this phone is encrypted. After {minutes} minutes without using the app, it asks for this PIN before it shows anything.", ro: "Ce păstrează Parent Bridge pe acest telefon este criptat. După {minutes} minute fără a folosi aplicația, aceasta cere acest PIN înainte de a arăta ceva." }
    PinLabel { en: "App PIN ({min} to {max} digits)", ro: "PIN-ul aplicației (între {min} și {max} cifre)" }
    PinAgainLabel { en: "The same PIN again", ro: "Același PIN încă o dată" }
    PinShape { en: "Use {min} to {max} digits, nothing else.", ro: "Folosiți între {min} și {max} cifre, nimic altceva." }
    PinMismatch { en: "The two PINs are not the same.", ro: "Cele două PIN-uri nu sunt la fel." }
    PinSave { en: "Save the PIN", ro: "Salvați PIN-ul" }
    PinEnterTitle { en: "Enter your app PIN", ro: "Introduceți PIN-ul aplicației" }
    PinEnterText { en: "You have been offline for a while: your data on this phone stays locked until you enter your app PIN.", ro: "Ați fost offline o vreme: datele de pe acest telefon rămân blocate până introduceți PIN-ul aplicației." }
    PinWrong { en: "That PIN is not right. Tries left: {n}.", ro: "PIN-ul nu este corect. Încercări rămase: {n}." }
    PinUnlock { en: "Unlock", ro: "Deblocați" }
    PinChecking { en: "Checking…", ro: "Se verifică…" }
    PinNeedLogin { en: "Log in while online to open your data on this phone (too many wrong PINs, or no PIN was chosen). Nothing is lost: work not sent yet stays on this phone, encrypted, and is sent after you log in.", ro: "Autentificați-vă când aveți conexiune pentru a deschide datele de pe acest telefon (prea multe PIN-uri greșite sau niciun PIN ales). Nu se pierde nimic: ce nu a fost trimis rămâne pe telefon, criptat, și se trimite după autentificare." }
    KeptAfterLogout { en: "Not sent yet: {n} (logs, reports or drafts). They stay on this phone, encrypted, until they are sent after your next login. Everything else of yours was deleted from this phone.", ro: "Netrimise încă: {n} (jurnale, rapoarte sau ciorne). Rămân pe acest telefon, criptate, până sunt trimise după următoarea autentificare. Tot restul datelor dumneavoastră a fost șters de pe telefon." }
    ClearedAfterLogout { en: "You are logged out. Nothing of yours is kept on this phone.", ro: "V-ați deconectat. Nimic din datele dumneavoastră nu mai este păstrat pe acest telefon." }

    NavMentees { en: "My mentees", ro: "Mentorații mei" }
    NavNewLog { en: "New meeting log", ro: "Jurnal nou de întâlnire" }
    NavMyLogs { en: "My meeting logs", ro: "Jurnalele mele" }
    NavOutbox { en: "Outbox", ro: "De trimis" }
    NavReports { en: "Reports", ro: "Rapoarte" }
    NavPairs { en: "My pairs", ro: "Perechile mele" }
    NavNotifications { en: "Notifications", ro: "Notificări" }
    NavAccount { en: "My account", ro: "Contul meu" }
    NoticesCount { en: "{n} to look at", ro: "{n} de văzut" }
    NavConcern { en: "Worried about someone's safety?", ro: "Vă îngrijorează siguranța cuiva?" }
    NavOverview { en: "Programme overview", ro: "Prezentarea programului" }
    NavProgrammes { en: "Programmes", ro: "Programe" }
    NavPeople { en: "People", ro: "Persoane" }
    NavMyMentoring { en: "My mentoring", ro: "Mentoratul meu" }


    MentorHomeTitle { en: "My mentees", ro: "Mentorații mei" }
    NoMentees { en: "You have no mentees yet. Your mentor manager will match you with a mentee.", ro: "Nu aveți încă mentorați. Managerul de mentori vă va asocia cu un mentorat." }
    MentoringSince { en: "Mentoring since {date}", ro: "Mentorat din {date}" }
    PairEndedBadge { en: "Ended", ro: "Încheiat" }
    GettingToKnowBadge { en: "Getting to know each other", ro: "În perioada de cunoaștere" }
    LogAMeeting { en: "Log a meeting", ro: "Completează jurnalul" }
    SeeLogs { en: "See logs", ro: "Vezi jurnalele" }
    NoLogsYet { en: "No meeting logs yet. After each meeting with a mentee, fill in a meeting log.", ro: "Nu există încă jurnale. După fiecare întâlnire cu un mentorat, completați un jurnal." }

    FormTitle { en: "Mentoring meeting log", ro: "Jurnalul întâlnirii de mentorat" }
    MenteeLabel { en: "Mentee", ro: "Mentorat" }
    DateLabel { en: "Date", ro: "Data" }
    FormFaceToFace { en: "Face-to-face", ro: "Față în față" }
    FormTelephone { en: "Telephone", ro: "Telefon" }
    FormEmail { en: "Email", ro: "E-mail" }
    FormVideoCall { en: "Video call (Skype or another web conference tool)", ro: "Apel video (Skype sau alt instrument de videoconferință)" }
    FormOther { en: "Other", ro: "Altă formă" }
    Yes { en: "Yes", ro: "Da" }
    No { en: "No", ro: "Nu" }
    FixErrors { en: "Please correct the marked fields.", ro: "Vă rugăm să corectați câmpurile marcate." }
    LogSavedOnPhone { en: "Meeting log saved on this phone. It will be sent when you are online.", ro: "Jurnalul a fost salvat pe acest telefon. Va fi trimis când aveți conexiune." }
    LogSending { en: "Meeting log saved on this phone, sending it now…", ro: "Jurnalul a fost salvat pe acest telefon și se trimite acum…" }
    LogSent { en: "Meeting log sent.", ro: "Jurnalul a fost trimis." }
    LogNeedsAttention { en: "The meeting log was saved on this phone, but the server did not accept it. See the outbox.", ro: "Jurnalul a fost salvat pe acest telefon, dar serverul nu l-a acceptat. Vedeți lista de trimis." }

    ProblemRequired { en: "Please fill this in.", ro: "Vă rugăm să completați." }

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

    MenteeTitle { en: "My mentoring", ro: "Mentoratul meu" }
    NoRoleText { en: "Your account has no role in a programme yet. Please contact your coordinator.", ro: "Contul dumneavoastră nu are încă un rol într-un program. Contactați coordonatorul." }

    NotFoundTitle { en: "Page not found", ro: "Pagina nu a fost găsită" }
    NotFoundText { en: "There is nothing at this address.", ro: "Nu există nimic la această adresă." }
    ForbiddenTitle { en: "Not allowed", ro: "Acces nepermis" }
    ForbiddenText { en: "Your account may not open this page.", ro: "Contul dumneavoastră nu are acces la această pagină." }
    ServerErrorTitle { en: "Something went wrong", ro: "Ceva nu a funcționat" }
    StartingTitle { en: "Parent Bridge is starting", ro: "Parent Bridge pornește" }
    StartingText { en: "This takes a few seconds. The page opens by itself.", ro: "Durează câteva secunde. Pagina se deschide singură." }
    GoHome { en: "Go to my home page", ro: "Mergi la pagina mea" }

    SyncState { en: "Sync state", ro: "Starea sincronizării" }
    WaitingCount { en: "Waiting to sync: {n}", ro: "De sincronizat: {n}" }
    LastSync { en: "Last sync: {time}", ro: "Ultima sincronizare: {time}" }
    SyncNow { en: "Sync now", ro: "Sincronizează" }
    SyncAllSent { en: "All sent", ro: "Totul trimis" }
    SyncAllSentAt { en: "All sent · {time}", ro: "Totul trimis · {time}" }
    SyncSending { en: "Sending {n}…", ro: "Se trimit {n}…" }
    SyncWaitingRetry { en: "{n} waiting · trying again soon", ro: "{n} de trimis · se reîncearcă" }
    SyncOfflineWaiting { en: "Offline · {n} saved on this phone", ro: "Offline · {n} salvate pe telefon" }
    SyncOfflineNothing { en: "Offline · nothing waiting", ro: "Offline · nimic de trimis" }
    SyncAttention { en: "{n} need attention", ro: "{n} necesită atenție" }
    SyncNeedsLogin { en: "Log in again to send {n}: kept on this phone until then, nothing else", ro: "Autentificați-vă pentru a trimite {n}: rămân pe telefon până atunci, nimic altceva" }
    StateWaiting { en: "Waiting to sync", ro: "Așteaptă sincronizarea" }
    StateSynced { en: "Synced", ro: "Sincronizat" }
    StateAttention { en: "Needs attention", ro: "Necesită atenție" }
    StorageFull { en: "The phone's storage for Parent Bridge is full. Sync, then try again; what you typed is still in the form.", ro: "Spațiul de stocare al telefonului pentru Parent Bridge este plin. Sincronizați, apoi încercați din nou; ce ați scris este încă în formular." }
    StorageUnavailable { en: "This browser does not let Parent Bridge keep data on the phone, so logs cannot be saved offline. Allow site data (or leave private browsing), then try again; what you typed is still in the form.", ro: "Acest browser nu permite aplicației Parent Bridge să păstreze date pe telefon, deci jurnalele nu pot fi salvate offline. Permiteți datele site-ului (sau ieșiți din navigarea privată), apoi încercați din nou; ce ați scris este încă în formular." }
    StorageFailed { en: "The phone could not save Parent Bridge's data. Please try again; what you typed is still in the form.", ro: "Telefonul nu a putut salva datele Parent Bridge. Încercați din nou; ce ați scris este încă în formular." }
    UpdateAvailable { en: "A new version of Parent Bridge is ready. Your drafts and waiting logs are kept.", ro: "O nouă versiune Parent Bridge este disponibilă. Ciornele și jurnalele în așteptare se păstrează." }
    ReloadNow { en: "Reload now", ro: "Reîncarcă acum" }
    Later { en: "Later", ro: "Mai târziu" }
    UnsyncedAtLogout { en: "Some meeting logs have not reached the server yet ({n}). If you log out now they stay on this phone and are sent after you log in again.", ro: "Unele jurnale nu au ajuns încă pe server ({n}). Dacă vă deconectați acum, ele rămân pe telefon și vor fi trimise după ce vă autentificați din nou." }
    SyncFirst { en: "Sync first", ro: "Sincronizează întâi" }
    LogOutAnyway { en: "Log out anyway", ro: "Deconectează-mă oricum" }
    Cancel { en: "Cancel", ro: "Anulează" }
    SeeGoals { en: "Goals", ro: "Obiective" }
    // What is due on the mentor's home.
    MidtermReport { en: "Mid-term report", ro: "Raport intermediar" }
    FinalReport { en: "Final report", ro: "Raport final" }
    ReportLate { en: "Late", ro: "Întârziat" }
    ReportDueOn { en: "{report} due {date}", ro: "{report}: termen {date}" }
    NavMyChecks { en: "My screening checks", ro: "Verificările mele" }
    // How to reach a mentee, on the mentor's home (and each way's name).
    ContactCall { en: "Call", ro: "Sună" }
    ContactSms { en: "SMS", ro: "SMS" }
    ContactWhatsApp { en: "WhatsApp", ro: "WhatsApp" }
    ContactEmail { en: "Email", ro: "E-mail" }
    ReachMentee { en: "Get in touch with {name}", ro: "Luați legătura cu {name}" }
    PrefersContact { en: "Prefers: {way}", ro: "Preferă: {way}" }
}
office {
    // The meeting log form, the outbox and the mentee's page (office texts:
    // those pages load them; the mentor's home does not need them).
    FormIntro { en: "Please fill out this form after each meeting you have with each of your mentees.", ro: "Vă rugăm să completați acest formular după fiecare întâlnire cu fiecare dintre mentorații dumneavoastră." }
    ChooseMentee { en: "Choose a mentee", ro: "Alegeți un mentorat" }
    FormLabel { en: "Form of meeting", ro: "Forma întâlnirii" }
    DurationLabel { en: "Duration of the meeting: how long it lasted", ro: "Durata întâlnirii: cât a durat" }
    HoursLabel { en: "Hours", ro: "Ore" }
    MinutesLabel { en: "Minutes", ro: "Minute" }
    DescriptionLabel { en: "Write a brief description of what you did during this meeting (include where you met, activities you did, planned or unplanned, main topics of discussion)", ro: "Descrieți pe scurt ce ați făcut în timpul acestei întâlniri (unde v-ați întâlnit, activitățile făcute, planificate sau nu, principalele subiecte discutate)" }
    WentWellLabel { en: "Do you think the session went well? What are the next steps you and your mentee will work on?", ro: "Credeți că întâlnirea a mers bine? Care sunt următorii pași la care veți lucra împreună cu mentoratul?" }
    ChallengeLabel { en: "Is there any challenge or dilemma you are facing?", ro: "Vă confruntați cu vreo provocare sau dilemă?" }
    ChallengeTextLabel { en: "If YES, please describe it", ro: "Dacă DA, vă rugăm să o descrieți" }
    SaveLog { en: "Save meeting log", ro: "Salvează jurnalul" }
    DraftSaved { en: "Draft saved on this phone", ro: "Ciornă salvată pe acest telefon" }
    DraftRestored { en: "Your unfinished log was kept on this phone: carry on where you stopped.", ro: "Jurnalul neterminat a fost păstrat pe acest telefon: continuați de unde ați rămas." }
    ClearDraft { en: "Clear the form", ro: "Golește formularul" }
    ConfirmClearDraft { en: "Clear everything typed in this form?", ro: "Ștergeți tot ce ați scris în acest formular?" }
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
    ProblemTooLarge { en: "This is too large to send. Shorten its texts, then save it again.", ro: "Este prea mare pentru a fi trimis. Scurtați textele, apoi salvați din nou." }
    ProblemUnreadable { en: "The server could not read this. Open it, check it and save it again.", ro: "Serverul nu a putut citi aceasta. Deschideți, verificați și salvați din nou." }
    ProblemNotAccepted { en: "The server could not store this, although it stored the rest. Send it again; if it keeps happening, tell your mentor manager.", ro: "Serverul nu a putut păstra aceasta, deși a păstrat restul. Trimiteți din nou; dacă se repetă, anunțați managerul de mentori." }
    ProblemContentDamaged { en: "This was damaged on its way to the server. Open it, check it and save it again.", ro: "S-a deteriorat pe drum spre server. Deschideți, verificați și salvați din nou." }
    YourMentor { en: "Your mentor: {name}", ro: "Mentorul dumneavoastră: {name}" }
    InProgramme { en: "Programme: {name}", ro: "Program: {name}" }
    MenteeMeetingsTitle { en: "Your meetings", ro: "Întâlnirile dumneavoastră" }
    MenteeNoMeetings { en: "No meeting is recorded yet.", ro: "Nicio întâlnire nu este înregistrată încă." }
    MenteeMeetingsNote { en: "Your mentor records each meeting. You see when you met and how; what your mentor writes stays with them and the mentor manager.", ro: "Mentorul înregistrează fiecare întâlnire. Vedeți când și cum v-ați întâlnit; ce scrie mentorul rămâne la el și la managerul de mentori." }
    NotMatchedYet { en: "You are not matched with a mentor yet. Your mentor manager will contact you.", ro: "Nu aveți încă un mentor. Managerul de mentori vă va contacta." }
    MenteePrivacy { en: "What you share with your mentor stays between you, your mentor and the mentor manager.", ro: "Ce împărtășiți cu mentorul rămâne între dumneavoastră, mentor și managerul de mentori." }
    NeverSynced { en: "Not synced yet", ro: "Nesincronizat încă" }
    StateDraft { en: "Unfinished draft", ro: "Ciornă neterminată" }
    ReasonConflict { en: "A different log with the same id is already on the server. Nothing was overwritten. Send yours as a new log, or discard it.", ro: "Pe server există deja alt jurnal cu același identificator. Nimic nu a fost suprascris. Trimiteți-l pe al dumneavoastră ca jurnal nou sau renunțați la el." }
    OutboxTitle { en: "Outbox", ro: "De trimis" }
    OutboxIntro { en: "Everything saved on this phone (meeting logs, goals, reports, safeguarding concerns) and whether it has reached the server.", ro: "Tot ce este salvat pe acest telefon (jurnale, obiective, rapoarte, îngrijorări privind siguranța) și dacă a ajuns pe server." }
    OutboxGoal { en: "Goal", ro: "Obiectiv" }
    OutboxConcern { en: "Safeguarding concern", ro: "Îngrijorare privind siguranța" }
    OutboxConcernWaiting { en: "Safeguarding concern, waiting to be sent", ro: "Îngrijorare privind siguranța, așteaptă să fie trimisă" }
    OutboxReportConflict { en: "A different version of this is already on the server. Nothing was overwritten. Discard yours to keep the server's.", ro: "Pe server există deja altă versiune. Nimic nu a fost suprascris. Renunțați la a dumneavoastră pentru a o păstra pe cea de pe server." }
    SendAgain { en: "Send again", ro: "Trimite din nou" }
    OutboxEmpty { en: "Nothing saved on this phone yet.", ro: "Nimic salvat încă pe acest telefon." }
    OpenAndFix { en: "Open and fix", ro: "Deschide și corectează" }
    SendAsNew { en: "Send as a new log", ro: "Trimite ca jurnal nou" }
    Discard { en: "Discard", ro: "Renunță" }
    ConfirmDiscard { en: "Delete this from the phone? It has not reached the server and cannot be recovered.", ro: "Ștergeți aceasta de pe telefon? Nu a ajuns pe server și nu mai poate fi recuperată." }
    AlreadyInOutbox { en: "This log was already saved (perhaps in another tab). It was not saved twice.", ro: "Acest jurnal a fost deja salvat (poate în altă filă). Nu a fost salvat de două ori." }
    PersistRefused { en: "This browser may delete saved logs when space runs low. Sync whenever you can.", ro: "Acest browser poate șterge jurnalele salvate când spațiul se termină. Sincronizați cât de des puteți." }
    Understood { en: "Understood", ro: "Am înțeles" }
    GoalsWorkedOn { en: "Goals worked on", ro: "Obiective la care s-a lucrat" }
    GoalsWorkedOnHint { en: "For each goal, how far it has come after this meeting.", ro: "Pentru fiecare obiectiv, cât de departe a ajuns după această întâlnire." }
    NotWorkedOn { en: "Not worked on this time", ro: "Nu s-a lucrat la el de data aceasta" }
    ProgressNotStarted { en: "Not started", ro: "Neînceput" }
    ProgressUnderWay { en: "Under way", ro: "În curs" }
    ProgressReached { en: "Reached", ro: "Atins" }
    ProblemUnknownGoal { en: "This goal is not one of this mentee's goals.", ro: "Acest obiectiv nu este unul dintre obiectivele acestui mentorat." }
    ManagerTitle { en: "My pairs", ro: "Perechile mele" }
    ManagerIntro { en: "Newest first. Logs that report a challenge or dilemma are marked.", ro: "Cele mai noi primele. Jurnalele care semnalează o provocare sau o dilemă sunt marcate." }
    NoProgrammeLogs { en: "No meeting logs yet in your programme.", ro: "Nu există încă jurnale de întâlnire în programul dumneavoastră." }
    OnlyChallenges { en: "Only logs with a challenge", ro: "Doar jurnalele cu provocări" }
    MentorLabel { en: "Mentor", ro: "Mentor" }
    LogsShown { en: "{n} logs shown", ro: "{n} jurnale afișate" }

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
    NavRecruitment { en: "Recruitment", ro: "Recrutare" }
    NavTraining { en: "Training", ro: "Instruire" }
    NavMatching { en: "Matching", ro: "Asociere" }
    Save { en: "Save", ro: "Salvează" }
    Saved { en: "Saved.", ro: "Salvat." }
    Edit { en: "Edit", ro: "Modifică" }
    Back { en: "Back", ro: "Înapoi" }
    Search { en: "Search by name", ro: "Caută după nume" }
    Optional { en: "optional", ro: "opțional" }
    NoneYet { en: "None yet.", ro: "Niciunul încă." }
    Total { en: "Total", ro: "Total" }
    ChooseOne { en: "Choose…", ro: "Alegeți…" }
    Copy { en: "Copy", ro: "Copiază" }
    Copied { en: "Copied.", ro: "Copiat." }
    CopyByHand { en: "The link is selected: press Ctrl+C (or long-press and Copy) to copy it.", ro: "Linkul este selectat: apăsați Ctrl+C (sau țineți apăsat și alegeți Copiere) pentru a-l copia." }

    ProgrammesTitle { en: "Programmes", ro: "Programe" }
    ProgrammesIntro { en: "Each programme with where it stands on the six steps of the process map.", ro: "Fiecare program și unde se află pe cei șase pași ai hărții procesului." }
    NewProgramme { en: "New programme", ro: "Program nou" }
    EditProgramme { en: "Edit the programme", ro: "Modificați programul" }
    OrganisationLabel { en: "Organisation", ro: "Organizație" }
    NameLabel { en: "Name", ro: "Nume" }
    TypologyLabel { en: "Typology", ro: "Tipologie" }
    TypologyPeer { en: "Peer mentoring (parents mentor parents)", ro: "Mentorat între egali (părinți mentori pentru părinți)" }
    TypologyNonPeer { en: "Non-peer mentoring (educators mentor parents)", ro: "Mentorat profesional (educatori mentori pentru părinți)" }
    TypologyBoth { en: "Both", ro: "Ambele" }
    ProgrammeFormatLabel { en: "Format", ro: "Format" }
    FormatFaceToFace { en: "Face-to-face", ro: "Față în față" }
    FormatOnline { en: "Online", ro: "Online" }
    FormatBlended { en: "Blended (face-to-face and online)", ro: "Mixt (față în față și online)" }
    DurationMonthsLabel { en: "Planned duration of a mentoring process (months, 6 to 9)", ro: "Durata planificată a unui proces de mentorat (luni, între 6 și 9)" }
    MeetingsLabel { en: "Expected meetings", ro: "Întâlniri așteptate" }
    MeetingsWeekly { en: "Weekly", ro: "Săptămânal" }
    MeetingsFortnightly { en: "Every two weeks", ro: "La două săptămâni" }
    MeetingsMonthly { en: "Monthly", ro: "Lunar" }
    MaxMenteesLabel { en: "Most mentees per mentor", ro: "Numărul maxim de mentorați per mentor" }
    ChildAgeLimitLabel { en: "For parents of children under (age)", ro: "Pentru părinții copiilor sub vârsta de" }
    StartsOnLabel { en: "Start date", ro: "Data de început" }
    CountryLabel { en: "Country", ro: "Țara" }
    ProgrammeLanguageLabel { en: "Language of the programme", ro: "Limba programului" }
    MonthsValue { en: "{n} months", ro: "{n} luni" }
    ProcessMap { en: "Where the programme stands", ro: "Unde se află programul" }
    StepLaunch { en: "1. Programme launch", ro: "1. Lansarea programului" }
    StepTraining { en: "2. Training mentors", ro: "2. Instruirea mentorilor" }
    StepRollOut { en: "3. Mentoring roll-out", ro: "3. Începerea mentoratului" }
    StepProcess { en: "4. Mentoring process", ro: "4. Procesul de mentorat" }
    StepFollowUp { en: "5. Follow-up and support", ro: "5. Monitorizare și sprijin" }
    StepEvaluation { en: "6. Evaluation", ro: "6. Evaluare" }
    StepDone { en: "Done", ro: "Finalizat" }
    StepNow { en: "Now", ro: "Acum" }
    StepNotYet { en: "Not yet", ro: "Încă nu" }
    NextInviteManager { en: "Invite a mentor manager.", ro: "Invitați un manager de mentori." }
    NextRegisterMentors { en: "Register mentor candidates.", ro: "Înregistrați candidați pentru rolul de mentor." }
    NextRegisterMentees { en: "Register mentee candidates with the registration form.", ro: "Înregistrați candidați mentorați cu formularul de înregistrare." }
    NextAcceptCandidates { en: "Accept mentors and mentees.", ro: "Acceptați mentori și mentorați." }
    NextPlanTraining { en: "Hold the mentors' training.", ro: "Organizați instruirea mentorilor." }
    NextRecordAttendance { en: "Record who attended the training.", ro: "Înregistrați cine a participat la instruire." }
    NextMatchPairs { en: "Match every accepted mentee with a mentor.", ro: "Asociați fiecare mentorat acceptat cu un mentor." }
    NextConfirmPairs { en: "Confirm the pairs after they have got to know each other.", ro: "Confirmați perechile după ce s-au cunoscut." }
    NextFollowPairs { en: "Follow the pairs and support the mentors.", ro: "Urmăriți perechile și sprijiniți mentorii." }
    NextCloseProcesses { en: "Close the mentoring processes with their final reports.", ro: "Încheiați procesele de mentorat cu rapoartele finale." }
    NextWriteReport { en: "Write the programme report.", ro: "Redactați raportul programului." }

    PlanTitle { en: "School engagement plan", ro: "Planul de implicare al școlii" }
    PlanIntro { en: "The 15 \"Parents as Partners\" measures. The school adapts or selects them, giving the reasons of its choice.", ro: "Cele 15 măsuri „Părinții ca parteneri”. Școala le adaptează sau le selectează, argumentându-și alegerea." }
    MeasureStateLabel { en: "State", ro: "Stare" }
    MeasurePlanned { en: "Planned", ro: "Planificată" }
    MeasureInPlace { en: "In place", ro: "Implementată" }
    MeasureNotChosen { en: "Not chosen", ro: "Neselectată" }
    MeasureUndecided { en: "Not decided yet", ro: "Nedecisă încă" }
    ReasonLabel { en: "Reason (or how the school adapted it)", ro: "Motivul (sau cum a adaptat-o școala)" }
    OwnerLabel { en: "Who is responsible", ro: "Responsabil" }
    DueOnLabel { en: "By when", ro: "Până când" }
    Measure1 { en: "Welcoming activities for the families of new students", ro: "Activități de primire pentru familiile elevilor noi" }
    Measure2 { en: "Welcoming day for the parents of first-year students", ro: "Ziua de primire pentru părinții elevilor din primul an" }
    Measure3 { en: "Individual interviews with all first-year and new families", ro: "Interviuri individuale cu toate familiile din primul an și cele noi" }
    Measure4 { en: "Meeting of the class tutor with the families of the class", ro: "Întâlnirea dirigintelui cu familiile clasei" }
    Measure5 { en: "Meeting with the school counsellor on how the class is doing", ro: "Întâlnire cu consilierul școlar despre mersul clasei" }
    Measure6 { en: "Meeting with the families of students who failed five or more subjects", ro: "Întâlnire cu familiile elevilor cu cinci sau mai multe materii picate" }
    Measure7 { en: "Individual meetings with the tutor or subject teachers", ro: "Întâlniri individuale cu dirigintele sau profesorii" }
    Measure8 { en: "At least one open doors day to attend lessons or activities", ro: "Cel puțin o zi a porților deschise pentru a asista la lecții sau activități" }
    Measure9 { en: "A room for the parents' association", ro: "O sală pentru asociația părinților" }
    Measure10 { en: "Teachers designated as a link with the parents", ro: "Profesori desemnați ca legătură cu părinții" }
    Measure11 { en: "The parents' association on the school website", ro: "Asociația părinților pe site-ul școlii" }
    Measure12 { en: "Parents in curricular activities (lectures, lessons on their fields)", ro: "Părinți în activități curriculare (prelegeri, lecții din domeniul lor)" }
    Measure13 { en: "Social networks, blogs and class platforms where parents take part freely", ro: "Rețele sociale, bloguri și platforme ale clasei unde părinții participă liber" }
    Measure14 { en: "Parents in extracurricular activities (trips, celebrations)", ro: "Părinți în activități extracurriculare (excursii, sărbători)" }
    Measure15 { en: "Every school activity considered from a parents' perspective", ro: "Fiecare activitate a școlii privită și din perspectiva părinților" }

    InvitationsTitle { en: "Invitations", ro: "Invitații" }
    InvitationsIntro { en: "An invitation is a link for one person, valid for 7 days. Give it by email or message, or show the QR code to scan.", ro: "O invitație este un link pentru o singură persoană, valabil 7 zile. Trimiteți-l prin e-mail sau mesaj ori arătați codul QR pentru scanare." }
    InviteManager { en: "Invite a mentor manager", ro: "Invitați un manager de mentori" }
    InviteMentor { en: "Invite a mentor", ro: "Invitați un mentor" }
    InviteMentee { en: "Invite a mentee", ro: "Invitați un mentorat" }
    InviteToApp { en: "Invite to the app", ro: "Invitați în aplicație" }
    InvitationFor { en: "Name of the person (optional)", ro: "Numele persoanei (opțional)" }
    InvitationLink { en: "Invitation link", ro: "Linkul invitației" }
    InvitationMade { en: "Give this link to the person; it works once, until {date}.", ro: "Dați acest link persoanei; funcționează o singură dată, până la {date}." }
    InvitationQr { en: "QR code of the invitation link", ro: "Codul QR al linkului invitației" }
    InvitationUsed { en: "Accepted", ro: "Acceptată" }
    InvitationExpired { en: "Expired", ro: "Expirată" }
    InvitationOpen { en: "Waiting until {date}", ro: "În așteptare până la {date}" }
    RoleManager { en: "Mentor manager", ro: "Manager de mentori" }
    RoleMentor { en: "Mentor", ro: "Mentor" }
    RoleMentee { en: "Mentee", ro: "Mentorat" }
    RoleCoordinator { en: "Coordinator", ro: "Coordonator" }
    AcceptTitle { en: "Join {programme}", ro: "Alăturați-vă programului {programme}" }
    AcceptIntro { en: "{organisation} invites you to take part as {role}. Choose how you log in.", ro: "{organisation} vă invită să participați ca {role}. Alegeți cum vă autentificați." }
    AcceptButton { en: "Join the programme", ro: "Mă alătur programului" }
    PrivacyTitle { en: "Your privacy", ro: "Confidențialitatea dumneavoastră" }
    PrivacyText { en: "Parent Bridge keeps your name, your email and what you write in the programme. Only the people of your programme who need it see it: your mentor manager, and your mentor or mentee for what concerns you both. The coordinator sees counts, not what you write. You can ask to see, correct or erase your data at any time.", ro: "Parent Bridge păstrează numele, e-mailul și ce scrieți în program. Le văd doar persoanele din programul dumneavoastră care au nevoie: managerul de mentori și mentorul sau mentoratul dumneavoastră pentru ce vă privește pe amândoi. Coordonatorul vede cifre, nu ce scrieți. Puteți cere oricând să vă vedeți, corectați sau ștergeți datele." }
    PrivacyNoticeLabel { en: "I have read how my data is kept and used, and I agree", ro: "Am citit cum sunt păstrate și folosite datele mele și sunt de acord" }
    InvitationGone { en: "This invitation link does not work: it was used already, it has expired, or it was copied wrongly. Ask the person who invited you for a new one.", ro: "Acest link de invitație nu funcționează: a fost deja folosit, a expirat sau a fost copiat greșit. Cereți o invitație nouă persoanei care v-a invitat." }
    EmailTaken { en: "An account with this email exists already. Log in with it, or use another email.", ro: "Există deja un cont cu acest e-mail. Autentificați-vă cu el sau folosiți alt e-mail." }

    RecruitmentTitle { en: "Recruitment", ro: "Recrutare" }
    RecruitmentIntro { en: "Every candidate, mentor or mentee, and the stage they have reached. Each move is recorded with its date and who made it.", ro: "Fiecare candidat, mentor sau mentorat, și etapa la care a ajuns. Fiecare mutare se înregistrează cu data și autorul ei." }
    NewMenteeCandidate { en: "Register a mentee", ro: "Înregistrați un mentorat" }
    NewMentorCandidate { en: "Register a mentor", ro: "Înregistrați un mentor" }
    CandidatesMentees { en: "Mentees", ro: "Mentorați" }
    CandidatesMentors { en: "Mentors", ro: "Mentori" }
    NoCandidates { en: "No candidates at this stage.", ro: "Niciun candidat în această etapă." }
    StageDisclosure { en: "Disclosure of the programme", ro: "Prezentarea programului" }
    StageReferral { en: "Referral", ro: "Recomandare" }
    StageInterest { en: "Expression of interest", ro: "Exprimarea interesului" }
    StageSelfAssessment { en: "Self-assessment", ro: "Autoevaluare" }
    StageInterview { en: "Interview", ro: "Interviu" }
    StagePreMatching { en: "Pre-matching", ro: "Pre-asociere" }
    StageAccepted { en: "Accepted", ro: "Acceptat" }
    StageDropped { en: "Dropped out", ro: "Retras" }
    StageLabel { en: "Stage", ro: "Etapa" }
    MoveTo { en: "Move to", ro: "Mutați în" }
    MoveButton { en: "Move", ro: "Mută" }
    DropReasonLabel { en: "Why they dropped out", ro: "De ce s-a retras" }
    History { en: "History", ro: "Istoric" }
    MovedBy { en: "{date}, by {name}", ro: "{date}, de {name}" }
    RegistrationTitle { en: "Mentoring registration form", ro: "Formular de înregistrare în mentorat" }
    MentorRegistrationTitle { en: "Mentor candidate", ro: "Candidat mentor" }
    KindLabel { en: "Candidate for", ro: "Candidat pentru" }
    MenteeNameLabel { en: "Name of mentee", ro: "Numele mentoratului" }
    GenderLabel { en: "Gender", ro: "Gen" }
    GenderFemale { en: "Female", ro: "Feminin" }
    GenderMale { en: "Male", ro: "Masculin" }
    GenderOther { en: "Other", ro: "Altul" }
    GenderNotSaid { en: "Prefers not to say", ro: "Preferă să nu spună" }
    AgeLabel { en: "Age", ro: "Vârsta" }
    RoleWithChildLabel { en: "Role with the child", ro: "Rolul față de copil" }
    RoleMother { en: "Mother", ro: "Mamă" }
    RoleFather { en: "Father", ro: "Tată" }
    RoleGrandparent { en: "Grandparent", ro: "Bunic / bunică" }
    RoleGuardian { en: "Guardian", ro: "Tutore" }
    RoleOtherRelation { en: "Other", ro: "Altul" }
    ChildAgeLabel { en: "Age of the child", ro: "Vârsta copilului" }
    ChildPastScope { en: "The programme is for parents of children under {age}.", ro: "Programul este pentru părinții copiilor sub {age} ani." }
    BackgroundLabel { en: "Background", ro: "Context / proveniență" }
    EmploymentLabel { en: "Employment status", ro: "Situația profesională" }
    EmploymentEmployed { en: "Employed", ro: "Angajat" }
    EmploymentSelfEmployed { en: "Self-employed", ro: "Pe cont propriu" }
    EmploymentUnemployed { en: "Unemployed", ro: "Fără loc de muncă" }
    EmploymentHomeMaker { en: "Looks after the home", ro: "Se ocupă de gospodărie" }
    EmploymentStudent { en: "Student", ro: "Student" }
    EmploymentRetired { en: "Retired", ro: "Pensionar" }
    EmploymentOther { en: "Other", ro: "Altă situație" }
    LanguagesLabel { en: "Languages spoken (separated by commas)", ro: "Limbi vorbite (separate prin virgulă)" }
    AreaLabel { en: "Area (neighbourhood, village)", ro: "Zona (cartier, sat)" }
    AvailabilityLabel { en: "Can meet", ro: "Se poate întâlni" }
    SlotWeekdayMornings { en: "Weekday mornings", ro: "Dimineața, în cursul săptămânii" }
    SlotWeekdayAfternoons { en: "Weekday afternoons", ro: "După-amiaza, în cursul săptămânii" }
    SlotWeekdayEvenings { en: "Weekday evenings", ro: "Seara, în cursul săptămânii" }
    SlotWeekends { en: "Weekends", ro: "În weekend" }
    SchoolLabel { en: "The child's school", ro: "Școala copilului" }
    ClassLabel { en: "The child's class", ro: "Clasa copilului" }
    HeardFromLabel { en: "How they heard of the programme", ro: "Cum a aflat de program" }
    IsParentLabel { en: "This mentor is a parent (a peer mentor)", ro: "Acest mentor este părinte (mentor egal)" }
    MentorMaxMenteesLabel { en: "Most mentees this mentor takes", ro: "Numărul maxim de mentorați pentru acest mentor" }
    ConsentLabel { en: "Consent to keep these details", ro: "Acord pentru păstrarea acestor date" }
    ConsentGiven { en: "The person consented", ro: "Persoana și-a dat acordul" }
    ConsentNotYet { en: "Not yet: keep only the name", ro: "Încă nu: se păstrează doar numele" }
    ConsentOnLabel { en: "Consent given on", ro: "Acord dat la data de" }
    ConsentHowLabel { en: "How consent was given", ro: "Cum a fost dat acordul" }
    ConsentInApp { en: "In the app", ro: "În aplicație" }
    ConsentPaper { en: "Signed on paper", ro: "Semnat pe hârtie" }
    ConsentSpoken { en: "Said to me (I record it)", ro: "Mi-a spus (îl înregistrez eu)" }
    ConsentNote { en: "Until consent is recorded, nothing but the name is kept.", ro: "Până la înregistrarea acordului se păstrează doar numele." }
    ConsentRecordedBy { en: "Consent recorded by {name} on {date}", ro: "Acord înregistrat de {name} la {date}" }
    NoConsentYet { en: "No consent recorded yet: only the name is kept.", ro: "Niciun acord înregistrat încă: se păstrează doar numele." }
    CandidateSaved { en: "The candidate was saved.", ro: "Candidatul a fost salvat." }
    HasAccount { en: "Has an account", ro: "Are cont" }
    NoAccount { en: "No account (no device needed)", ro: "Fără cont (nu are nevoie de dispozitiv)" }

    TrainingTitle { en: "Mentor training", ro: "Instruirea mentorilor" }
    TrainingIntro { en: "Training sessions, who attended, and each mentor's self-assessment before and after the training.", ro: "Sesiunile de instruire, cine a participat și autoevaluarea fiecărui mentor înainte și după instruire." }
    NewTraining { en: "Add a training session", ro: "Adăugați o sesiune de instruire" }
    HeldOnLabel { en: "Date", ro: "Data" }
    TrainingFormatLabel { en: "Held", ro: "Desfășurată" }
    TopicLabel { en: "Topic", ro: "Tema" }
    Attendance { en: "Who attended", ro: "Cine a participat" }
    SaveAttendance { en: "Save attendance", ro: "Salvează prezența" }
    NoMentorsToTrain { en: "No mentor candidates yet: register them in Recruitment.", ro: "Încă nu există candidați mentori: înregistrați-i la Recrutare." }
    SelfAssessmentTitle { en: "Self-assessment", ro: "Autoevaluare" }
    SelfAssessmentIntro { en: "1 = not at all, 5 = fully. Before the training and after it, side by side.", ro: "1 = deloc, 5 = pe deplin. Înainte și după instruire, una lângă alta." }
    MomentBefore { en: "Before", ro: "Înainte" }
    MomentAfter { en: "After", ro: "După" }
    RecordSelfAssessment { en: "Record a self-assessment", ro: "Înregistrați o autoevaluare" }
    ItemsTitle { en: "The questionnaire", ro: "Chestionarul" }
    ItemsIntro { en: "The coordinator may reword, add or remove items.", ro: "Coordonatorul poate reformula, adăuga sau elimina itemi." }
    AddItem { en: "Add an item", ro: "Adăugați un item" }
    RemoveItem { en: "Remove", ro: "Elimină" }
    ConfirmRemoveItem { en: "Remove this item and every answer given to it?", ro: "Eliminați acest item și toate răspunsurile date la el?" }

    MatchingTitle { en: "Matching", ro: "Asociere" }
    MatchingIntro { en: "Accepted mentors and mentees. Match by the suggested scores, or record the speed-meeting's choices and let the app propose the best assignment.", ro: "Mentorii și mentorații acceptați. Asociați după scorurile sugerate sau înregistrați alegerile de la întâlnirea rapidă și lăsați aplicația să propună cea mai bună repartizare." }
    AdministrativeMatching { en: "Administrative matching", ro: "Asociere administrativă" }
    PreferenceMatching { en: "Preference matching (speed-meeting)", ro: "Asociere după preferințe (întâlnire rapidă)" }
    FreePlaces { en: "{n} free places", ro: "{n} locuri libere" }
    NoFreePlace { en: "No free place", ro: "Niciun loc liber" }
    UnmatchedMentees { en: "Mentees waiting for a mentor", ro: "Mentorați care așteaptă un mentor" }
    NobodyWaiting { en: "Every accepted mentee has a mentor.", ro: "Fiecare mentorat acceptat are un mentor." }
    NoAcceptedMentors { en: "No accepted mentor yet.", ro: "Niciun mentor acceptat încă." }
    ScoreValue { en: "score {n}", ro: "scor {n}" }
    ReasonSharedLanguage { en: "speaks {language}", ro: "vorbește {language}" }
    ReasonSameArea { en: "same area", ro: "aceeași zonă" }
    ReasonSharedTimes { en: "{n} shared times to meet", ro: "{n} intervale comune" }
    ReasonSharedTime { en: "{n} shared time to meet", ro: "{n} interval comun" }
    ReasonPeerMentor { en: "a parent, as peer mentoring asks", ro: "părinte, cum cere mentoratul între egali" }
    ReasonProfessionalMentor { en: "an educator, as non-peer mentoring asks", ro: "educator, cum cere mentoratul profesional" }
    ReasonTypologyMismatch { en: "not the kind of mentor the typology asks for", ro: "nu este tipul de mentor cerut de tipologie" }
    ReasonFreePlaces { en: "{n} free places", ro: "{n} locuri libere" }
    ReasonFreePlace { en: "{n} free place", ro: "{n} loc liber" }
    MatchWith { en: "Match with {name}", ro: "Asociați cu {name}" }
    ConfirmMatch { en: "Confirm this match", ro: "Confirmați asocierea" }
    Matched { en: "Matched: the pair is getting to know each other.", ro: "Asociați: perechea se cunoaște." }
    PreferencesOf { en: "Choices of {name}, best first", ro: "Alegerile lui {name}, în ordinea preferinței" }
    RankLabel { en: "Choice {n}", ro: "Alegerea {n}" }
    SavePreferences { en: "Save the choices", ro: "Salvează alegerile" }
    ProposeMatching { en: "Propose the best assignment", ro: "Propuneți cea mai bună repartizare" }
    ProposalTitle { en: "Proposed pairs", ro: "Perechi propuse" }
    ProposalIntro { en: "For each pair, the rank each side gave the other. Change any mentor before confirming.", ro: "Pentru fiecare pereche, locul pe care fiecare parte l-a dat celeilalte. Puteți schimba orice mentor înainte de confirmare." }
    MenteeGave { en: "mentee's choice: {rank}", ro: "alegerea mentoratului: {rank}" }
    MentorGave { en: "mentor's choice: {rank}", ro: "alegerea mentorului: {rank}" }
    NotRanked { en: "not ranked", ro: "neclasat" }
    ConfirmProposal { en: "Confirm these pairs", ro: "Confirmați aceste perechi" }
    NothingToPropose { en: "Nothing to propose: there are no accepted mentees without a mentor, or no free places.", ro: "Nimic de propus: nu există mentorați acceptați fără mentor sau locuri libere." }
    PairsTitle { en: "Pairs", ro: "Perechi" }
    PairGettingToKnowBadge { en: "Getting to know", ro: "În perioada de cunoaștere" }
    PlannedEnd { en: "planned end {date}", ro: "încheiere planificată {date}" }
    EndPair { en: "End this pair", ro: "Încheiați perechea" }
    EndReasonLabel { en: "Why it ends", ro: "De ce se încheie" }
    ConfirmEndPair { en: "End this pair? The mentee can then be matched again.", ro: "Încheiați această pereche? Mentoratul poate fi apoi asociat din nou." }

    ProblemNotAPhone { en: "This is not a phone number: use digits, spaces and + - ( ) only, 6 to 15 digits.", ro: "Acesta nu este un număr de telefon: folosiți cifre, spații și + - ( ), între 6 și 15 cifre." }
    PhoneLabel { en: "Phone number", ro: "Număr de telefon" }
    ContactWayLabel { en: "Preferred way of contact", ro: "Modul de contact preferat" }
    ProblemEndBeforeStart { en: "The end must not be before the start.", ro: "Sfârșitul nu poate fi înainte de început." }
    ProblemOutOfRange { en: "This number is outside what is allowed here.", ro: "Acest număr este în afara limitelor permise aici." }
    ProblemNotAnEmail { en: "Please enter an email address like name@example.org.", ro: "Introduceți o adresă de e-mail de forma nume@exemplu.ro." }
    ProblemPasswordTooShort { en: "The password needs at least 12 characters. A few words in a row make a good one.", ro: "Parola trebuie să aibă cel puțin 12 caractere. Câteva cuvinte la rând fac o parolă bună." }
    ProblemBreachedPassword { en: "This password is known from lists of stolen passwords: choose another one. A few words in a row make a good one.", ro: "Această parolă apare în liste de parole furate: alegeți alta. Câteva cuvinte la rând fac o parolă bună." }
    ProblemPasswordTooLong { en: "The password is too long.", ro: "Parola este prea lungă." }
    ProblemMustAccept { en: "Please read and accept this to go on.", ro: "Vă rugăm să citiți și să acceptați pentru a continua." }
    ProblemProfileWithoutConsent { en: "Record the person's consent first: until then only the name is kept.", ro: "Înregistrați mai întâi acordul persoanei: până atunci se păstrează doar numele." }
    ProblemNotYet { en: "This has not happened yet.", ro: "Acest lucru nu a avut loc încă." }
    ProblemStageNotAllowed { en: "A candidate cannot move back to this stage.", ro: "Un candidat nu se poate întoarce la această etapă." }
    ProblemNotAcceptedCandidate { en: "Only accepted candidates of this programme can be matched.", ro: "Pot fi asociați doar candidații acceptați ai acestui program." }
    ProblemMentorFull { en: "This mentor has no free place.", ro: "Acest mentor nu mai are locuri libere." }
    ProblemAlreadyMatched { en: "This mentee already has a mentor.", ro: "Acest mentorat are deja un mentor." }
    ProblemDuplicateRank { en: "Each person can be chosen only once.", ro: "Fiecare persoană poate fi aleasă o singură dată." }
    ProblemWrongPassword { en: "This is not your current password.", ro: "Aceasta nu este parola dumneavoastră actuală." }
    ProblemPasswordMismatch { en: "The two new passwords differ: type the same one twice.", ro: "Cele două parole noi diferă: introduceți aceeași parolă de două ori." }
    AccountTitle { en: "My account", ro: "Contul meu" }
    SessionsTitle { en: "Where you are logged in", ro: "Unde sunteți autentificat" }
    SessionsIntro { en: "Each browser or phone where you logged in. Sign out of one you do not know or no longer use.", ro: "Fiecare browser sau telefon în care v-ați autentificat. Deconectați-vă de pe cele pe care nu le recunoașteți sau nu le mai folosiți." }
    UnknownDevice { en: "A browser that did not say what it is", ro: "Un browser care nu a spus ce este" }
    ThisDevice { en: "this device", ro: "acest dispozitiv" }
    SessionTimes { en: "Logged in {started} · last used {used}", ro: "Autentificat {started} · folosit ultima dată {used}" }
    SignOutSession { en: "Sign out there", ro: "Deconectare acolo" }
    SignOutOthers { en: "Sign out everywhere else", ro: "Deconectare de peste tot în rest" }
    ConfirmSignOutOthers { en: "Sign out of every other browser and phone? Work not yet sent from a phone stays on it and is sent after the next login there.", ro: "Vă deconectați de pe toate celelalte browsere și telefoane? Ce nu a fost încă trimis de pe un telefon rămâne pe el și se trimite după următoarea autentificare acolo." }
    SignedOut { en: "Signed out.", ro: "Deconectat." }
    ChangePasswordTitle { en: "Change your password", ro: "Schimbați parola" }
    CurrentPasswordLabel { en: "Current password", ro: "Parola actuală" }
    NewPasswordLabel { en: "New password (at least 12 characters)", ro: "Parola nouă (cel puțin 12 caractere)" }
    PasswordAgainLabel { en: "New password again", ro: "Parola nouă încă o dată" }
    ChangePasswordButton { en: "Change the password", ro: "Schimbă parola" }
    PasswordChanged { en: "Your password is changed. You are signed out everywhere else.", ro: "Parola a fost schimbată. Ați fost deconectat de peste tot în rest." }
    ForgotTitle { en: "Forgotten password", ro: "Parolă uitată" }
    ForgotIntro { en: "Type the email address you log in with. If an account has it, we send it a link to set a new password. The link works once, for one hour.", ro: "Introduceți adresa de e-mail cu care vă autentificați. Dacă un cont o are, îi trimitem un link pentru a seta o parolă nouă. Linkul funcționează o singură dată, timp de o oră." }
    ForgotButton { en: "Send me the link", ro: "Trimiteți-mi linkul" }
    ForgotSent { en: "If an account has this address, a link is on its way to it. Look in your email (and its spam folder). No email? Your mentor manager can make you a reset link.", ro: "Dacă un cont are această adresă, un link este pe drum spre ea. Verificați e-mailul (și dosarul de spam). Nu primiți e-mail? Managerul de mentori vă poate crea un link de resetare." }
    ForgotNoEmail { en: "No email, or you do not read it? Ask your mentor manager for a reset link: they can make one for you to open on your phone.", ro: "Nu aveți e-mail sau nu îl citiți? Cereți managerului de mentori un link de resetare: vi-l poate crea, ca să-l deschideți pe telefon." }
    BackToLogin { en: "Back to logging in", ro: "Înapoi la autentificare" }
    ResetTitle { en: "Set a new password", ro: "Setați o parolă nouă" }
    ResetFor { en: "For {name} ({email}). Every device where this account is logged in is signed out.", ro: "Pentru {name} ({email}). Contul este deconectat de pe toate dispozitivele pe care este autentificat." }
    ResetButton { en: "Set the password and log in", ro: "Setează parola și autentifică-te" }
    LinkGone { en: "This link does not work: it was used already, it has expired, or it was copied wrongly. Ask for a new one.", ro: "Acest link nu funcționează: a fost deja folosit, a expirat sau a fost copiat greșit. Cereți unul nou." }
    ResetLinkTitle { en: "Forgotten password", ro: "Parolă uitată" }
    ResetLinkIntro { en: "For someone who reads no email: make a one-time link to set a new password, and hand it over (the QR code) or send it yourself. It works once, for 3 days; it is in the audit trail.", ro: "Pentru cineva care nu citește e-mailuri: creați un link de unică folosință pentru a seta o parolă nouă și predați-l (codul QR) sau trimiteți-l chiar dumneavoastră. Funcționează o singură dată, timp de 3 zile; apare în jurnalul de audit." }
    ResetLinkButton { en: "Make a reset link", ro: "Creează un link de resetare" }
    ResetLinkMade { en: "Here is the link. It works once, until {date}, and is shown only now.", ro: "Iată linkul. Funcționează o singură dată, până la {date}, și este afișat doar acum." }
    ResetLinkLabel { en: "Reset link", ro: "Link de resetare" }
    ResetLinkQr { en: "The reset link as a QR code", ro: "Linkul de resetare sub formă de cod QR" }
    ChangeEmailTitle { en: "Change your email address", ro: "Schimbați adresa de e-mail" }
    ChangeEmailIntro { en: "You log in with {email}. We send a link to the new address; the change is made when you open it.", ro: "Vă autentificați cu {email}. Trimitem un link la adresa nouă; schimbarea se face când îl deschideți." }
    NewEmailLabel { en: "New email address", ro: "Adresa de e-mail nouă" }
    ChangeEmailButton { en: "Send the confirmation link", ro: "Trimite linkul de confirmare" }
    EmailLinkSent { en: "A link is on its way to the new address. Open it within 24 hours to make the change.", ro: "Un link este pe drum spre adresa nouă. Deschideți-l în 24 de ore pentru a face schimbarea." }
    ConfirmEmailTitle { en: "Confirm your new email address", ro: "Confirmați adresa de e-mail nouă" }
    ConfirmEmailText { en: "Log in with {email} from now on? Every other device where you are logged in is signed out.", ro: "Vă autentificați de acum cu {email}? Sunteți deconectat de pe toate celelalte dispozitive." }
    ConfirmEmailButton { en: "Confirm the new address", ro: "Confirmă adresa nouă" }
    EmailChangedDone { en: "Your email address is changed. Log in with the new one from now on.", ro: "Adresa de e-mail a fost schimbată. De acum vă autentificați cu cea nouă." }
    InvitationWithdrawnState { en: "Withdrawn", ro: "Retrasă" }
    WithdrawInvitation { en: "Withdraw", ro: "Retrage" }
    ConfirmWithdrawInvitation { en: "Withdraw this invitation? Its link stops working.", ro: "Retrageți această invitație? Linkul ei nu va mai funcționa." }
    SetupTitle { en: "Set up Parent Bridge", ro: "Configurați Parent Bridge" }
    SetupIntro { en: "Create your organisation, its first programme and your own account as its coordinator. The setup code is in the server's log, printed when it started: it keeps anyone else on the network from doing this before you.", ro: "Creați organizația, primul ei program și propriul cont de coordonator. Codul de configurare se află în jurnalul serverului, afișat la pornire: împiedică pe oricine altcineva din rețea să facă acest lucru înaintea dumneavoastră." }
    SetupCodeLabel { en: "Setup code", ro: "Cod de configurare" }
    SetupOrganisationLabel { en: "Your organisation's name", ro: "Numele organizației" }
    SetupProgrammeLabel { en: "Its first programme's name (you can change it later)", ro: "Numele primului program (îl puteți schimba mai târziu)" }
    SetupNameLabel { en: "Your name", ro: "Numele dumneavoastră" }
    SetupButton { en: "Set up and log in", ro: "Configurează și autentifică-te" }
    SetupDone { en: "This server is set up already. Log in.", ro: "Acest server este deja configurat. Autentificați-vă." }
    TwoStepTitle { en: "Two-step login", ro: "Autentificare în doi pași" }
    TwoStepIntro { en: "After your password, a code from an authenticator app on your phone (FreeOTP, Aegis, Google or Microsoft Authenticator): someone who learns your password still cannot log in.", ro: "După parolă, un cod dintr-o aplicație de autentificare de pe telefon (FreeOTP, Aegis, Google sau Microsoft Authenticator): cineva care vă află parola tot nu se poate autentifica." }
    TwoStepOffState { en: "Off: only your password protects this account.", ro: "Dezactivată: doar parola vă protejează contul." }
    TwoStepOnState { en: "On. Recovery codes left: {n}.", ro: "Activată. Coduri de recuperare rămase: {n}." }
    TwoStepRequiredNote { en: "Your organisation requires it of coordinators and managers.", ro: "Organizația o cere coordonatorilor și managerilor." }
    TwoStepStart { en: "Set up two-step login", ro: "Configurează autentificarea în doi pași" }
    TwoStepScan { en: "Scan this QR code with your authenticator app, or type this key in it. Then type the 6-digit code the app shows.", ro: "Scanați acest cod QR cu aplicația de autentificare sau introduceți în ea această cheie. Apoi introduceți codul de 6 cifre afișat de aplicație." }
    TwoStepKeyLabel { en: "Key", ro: "Cheie" }
    TwoStepQr { en: "QR code for your authenticator app", ro: "Cod QR pentru aplicația de autentificare" }
    TwoStepTurnOn { en: "Turn on", ro: "Activează" }
    TwoStepRecoveryIntro { en: "Your recovery codes. Each works once instead of a code, if you lose your phone. Print them or write them down and keep them somewhere safe: they are shown only now.", ro: "Codurile de recuperare. Fiecare funcționează o singură dată în locul unui cod, dacă vă pierdeți telefonul. Tipăriți-le sau notați-le și păstrați-le într-un loc sigur: sunt afișate doar acum." }
    TwoStepContinue { en: "I have kept them: continue", ro: "Le-am păstrat: continuă" }
    TwoStepNewCodes { en: "Make new recovery codes", ro: "Creează coduri de recuperare noi" }
    TwoStepTurnOff { en: "Turn off two-step login", ro: "Dezactivează autentificarea în doi pași" }
    ConfirmTwoStepOff { en: "Turn off two-step login? Only your password will protect this account.", ro: "Dezactivați autentificarea în doi pași? Doar parola vă va proteja contul." }
    TwoStepOffDone { en: "Two-step login is off.", ro: "Autentificarea în doi pași este dezactivată." }
    TwoStepPasswordHint { en: "Type your password to set up, change or turn off two-step login.", ro: "Introduceți parola pentru a configura, schimba sau dezactiva autentificarea în doi pași." }
    TwoStepRequireToggle { en: "Require two-step login of {name}'s coordinators and managers", ro: "Cere autentificare în doi pași coordonatorilor și managerilor din {name}" }
    TwoStepSetupTitle { en: "Set up two-step login to go on", ro: "Configurați autentificarea în doi pași pentru a continua" }
    TwoStepSetupIntro { en: "Your organisation requires two-step login of its coordinators and managers. Set it up now: it takes a minute.", ro: "Organizația cere autentificare în doi pași coordonatorilor și managerilor. Configurați-o acum: durează un minut." }
    ProblemTwoStepRequired { en: "Your organisation requires two-step login: it cannot be turned off.", ro: "Organizația cere autentificarea în doi pași: nu poate fi dezactivată." }
    ProblemTwoStepFirst { en: "Turn on two-step login for yourself first.", ro: "Activați mai întâi autentificarea în doi pași pentru dumneavoastră." }
    AuditTwoStepOn { en: "Turned on two-step login (or made new recovery codes)", ro: "A activat autentificarea în doi pași (sau a creat coduri de recuperare noi)" }
    AuditTwoStepOff { en: "Turned off two-step login", ro: "A dezactivat autentificarea în doi pași" }
    AuditRecoveryCodeUsed { en: "Logged in with a recovery code", ro: "S-a autentificat cu un cod de recuperare" }
    AuditTwoStepRequiredChanged { en: "Changed whether the organisation requires two-step login", ro: "A schimbat dacă organizația cere autentificarea în doi pași" }
    SmallCountsNote { en: "So that nobody can be recognised, counts of 1 to 4 people are written \"< 5\" and the charts made of them are left out; the organisation's own report in the app has every figure.", ro: "Pentru ca nimeni să nu poată fi recunoscut, numărul de 1–4 persoane este scris \"< 5\", iar graficele care le conțin sunt omise; raportul organizației din aplicație are toate cifrele." }
    PreferencesTitle { en: "Preferences", ro: "Preferințe" }
    LanguagePreferenceLabel { en: "Language of the app and of your emails", ro: "Limba aplicației și a e-mailurilor" }
    DigestLabel { en: "Email summary of what you have to act on", ro: "Rezumat prin e-mail al lucrurilor de care trebuie să vă ocupați" }
    DigestDaily { en: "Every day", ro: "În fiecare zi" }
    DigestWeekly { en: "Once a week, on Mondays", ro: "O dată pe săptămână, lunea" }
    DigestOff { en: "Never (a safeguarding concern is still told at once)", ro: "Niciodată (o îngrijorare privind siguranța este totuși anunțată imediat)" }
    SaveMyPreferences { en: "Save the preferences", ro: "Salvează preferințele" }
    PreferencesSaved { en: "Your preferences are saved.", ro: "Preferințele au fost salvate." }
    MyDataTitle { en: "Your data", ro: "Datele dumneavoastră" }
    MyDataIntro { en: "What the programmes keep about you, and what you agreed to. You can download all of it, and withdraw a consent at any time: what was done with it before stays lawful.", ro: "Ce păstrează programele despre dumneavoastră și la ce v-ați dat acordul. Puteți descărca totul și vă puteți retrage oricând un acord: ce s-a făcut înainte cu el rămâne legal." }
    DownloadMyData { en: "Download my data (JSON file)", ro: "Descarcă datele mele (fișier JSON)" }
    ConsentNotRecorded { en: "Not recorded", ro: "Neînregistrat" }
    WithdrawConsent { en: "Withdraw", ro: "Retrage" }
    GiveConsent { en: "Give", ro: "Acordă" }
    ConfirmWithdrawConsent { en: "Withdraw this consent? Your manager is told through the app.", ro: "Vă retrageți acest acord? Managerul află prin aplicație." }
    AccessTitle { en: "Roles and access", ro: "Roluri și acces" }
    AccessIntro { en: "Removing someone from a programme ends their access to it; what they wrote and what was recorded about them stays.", ro: "Scoaterea cuiva dintr-un program îi încheie accesul la el; ce a scris și ce s-a înregistrat despre persoană rămân." }
    RemoveFromProgramme { en: "Remove from this programme", ro: "Scoate din acest program" }
    ConfirmRemoveFromProgramme { en: "Remove {name} as {role} from {programme}? Their records stay; they can no longer open this programme.", ro: "Îl scoateți pe {name} ca {role} din {programme}? Înregistrările rămân; nu mai poate deschide acest program." }
    RemovedFromProgramme { en: "Removed from the programme.", ro: "Scos din program." }
    LostPhoneTitle { en: "Lost phone", ro: "Telefon pierdut" }
    LostPhoneIntro { en: "If this person lost their phone, sign them out of every device. Their phone's data then opens only with their app PIN, and after 5 wrong PINs not at all. They log in again on their new phone.", ro: "Dacă această persoană și-a pierdut telefonul, deconectați-o de pe toate dispozitivele. Datele de pe telefon se deschid atunci doar cu PIN-ul aplicației, iar după 5 PIN-uri greșite deloc. Se autentifică din nou pe noul telefon." }
    SignOutPersonButton { en: "Sign out of every device", ro: "Deconectare de pe toate dispozitivele" }
    ConfirmSignOutPerson { en: "Sign {name} out of every device?", ro: "Deconectați pe {name} de pe toate dispozitivele?" }
    PersonSignedOut { en: "Signed out of every device.", ro: "Deconectat de pe toate dispozitivele." }
    ProblemNoLogin { en: "This person has no login yet: make an invitation for them instead.", ro: "Această persoană nu are încă un cont de autentificare: creați-i în schimb o invitație." }
    ProblemMailOff { en: "This server sends no email, so the new address cannot be confirmed. Ask your coordinator to change it.", ro: "Acest server nu trimite e-mailuri, deci adresa nouă nu poate fi confirmată. Rugați coordonatorul să o schimbe." }
    ProblemWrongSetupCode { en: "This is not the setup code. It is in the server's log, printed when the server started.", ro: "Acesta nu este codul de configurare. Se află în jurnalul serverului, afișat la pornirea serverului." }
    ProblemHasAccount { en: "This invitation is for a person who has an account already. Log in with that account, then open the invitation again.", ro: "Această invitație este pentru o persoană care are deja un cont. Autentificați-vă cu acel cont, apoi deschideți din nou invitația." }
    ProblemAlreadyUsed { en: "This is taken already. For an email: log in with that account first, then open the invitation again.", ro: "Acesta este deja folosit. Pentru un e-mail: autentificați-vă mai întâi cu acel cont, apoi deschideți din nou invitația." }
    ProblemTypologyMismatch { en: "This mentor is not the kind the programme's typology asks for.", ro: "Acest mentor nu este de tipul cerut de tipologia programului." }
    ProblemNotBothYes { en: "Both the mentor and the mentee must say they want to go on before the pair is confirmed.", ro: "Atât mentorul, cât și mentoratul trebuie să spună că doresc să continue înainte de confirmarea perechii." }
    ProblemNotGettingToKnow { en: "This pair is no longer getting to know each other: it was confirmed or ended.", ro: "Această pereche nu mai este în perioada de cunoaștere: a fost confirmată sau încheiată." }
    ProblemDuplicateGoal { en: "The same goal is named twice.", ro: "Același obiectiv este menționat de două ori." }
    ProblemMissingRevision { en: "An earlier change has not reached the server. Send it first, or discard this change.", ro: "O modificare anterioară nu a ajuns pe server. Trimiteți-o întâi sau renunțați la această modificare." }
    ProblemWithdrawn { en: "This was withdrawn; it can no longer be changed.", ro: "Acesta a fost retras; nu mai poate fi modificat." }
    GoOnHidden { en: "Answers were given earlier on this phone. They are kept, and not shown again: you see only what is still to answer.", ro: "Pe acest telefon s-au dat deja răspunsuri. Ele sunt păstrate și nu se mai afișează: vedeți doar ce mai este de răspuns." }
    GoOnAnswering { en: "Go on", ro: "Continuați" }
    StartAgain { en: "Start again", ro: "Începeți din nou" }
    ConfirmStartAgain { en: "Start again? The answers given earlier are deleted.", ro: "Începeți din nou? Răspunsurile date anterior se șterg." }
    OwnReportSending { en: "Thank you. Your answers are being sent…", ro: "Vă mulțumim. Răspunsurile se trimit…" }
    OwnReportSent { en: "Thank you. Your answers were sent. Your mentor does not see them; the mentor manager does.", ro: "Vă mulțumim. Răspunsurile au fost trimise. Mentorul nu le vede; managerul de mentori le vede." }
    OwnReportWaiting { en: "Thank you. Your answers are saved on this phone and are sent when you open Parent Bridge with a connection.", ro: "Vă mulțumim. Răspunsurile sunt salvate pe telefon și se trimit când deschideți Parent Bridge cu conexiune." }
    MenteeReportsTitle { en: "Your reports", ro: "Rapoartele dumneavoastră" }
    AnswerReport { en: "Answer", ro: "Răspundeți" }
    GoalLabel { en: "Goal", ro: "Obiectiv" }
    GoalWhatLabel { en: "What is the goal?", ro: "Care este obiectivul?" }
    GoalWhyLabel { en: "Why does it matter?", ro: "De ce este important?" }
    FirstStepsLabel { en: "First steps", ro: "Primii pași" }
    TargetDateLabel { en: "Target date", ro: "Data țintă" }
    WithdrawReasonLabel { en: "Why is it withdrawn?", ro: "De ce este retras?" }
    GoalsTitle { en: "Goals", ro: "Obiective" }
    GoalsOf { en: "Goals of {name}", ro: "Obiectivele lui {name}" }
    GoalsIntro { en: "The mentee sets the goals, with your help: what, why it matters, the first steps and by when. Their progress comes from your meeting logs.", ro: "Mentoratul își stabilește obiectivele, cu ajutorul dumneavoastră: ce, de ce contează, primii pași și până când. Progresul vine din jurnalele de întâlnire." }
    NoGoalsYet { en: "No goals yet.", ro: "Nu există încă obiective." }
    NewGoal { en: "New goal", ro: "Obiectiv nou" }
    ChangeGoal { en: "Change the goal", ro: "Modifică obiectivul" }
    SaveGoal { en: "Save the goal", ro: "Salvează obiectivul" }
    GoalBy { en: "By {date}", ro: "Până la {date}" }
    GoalProgressOn { en: "{progress} (meeting of {date})", ro: "{progress} (întâlnirea din {date})" }
    WithdrawnBecause { en: "Withdrawn: {reason}", ro: "Retras: {reason}" }
    LogCorrectedBadge { en: "Corrected", ro: "Corectat" }
    LogWithdrawnBadge { en: "Withdrawn", ro: "Retras" }
    CorrectLog { en: "Correct", ro: "Corectează" }
    CorrectLogTitle { en: "Correct a meeting log", ro: "Corectarea unui jurnal de întâlnire" }
    CorrectLogIntro { en: "Change what needs correcting and save. The corrected log replaces the one you sent; your mentor manager can still read the earlier version.", ro: "Modificați ce trebuie corectat și salvați. Jurnalul corectat îl înlocuiește pe cel trimis; managerul de mentori poate citi în continuare versiunea anterioară." }
    SaveCorrection { en: "Save the correction", ro: "Salvează corectura" }
    WithdrawLogHeading { en: "Withdraw this log", ro: "Retrageți acest jurnal" }
    WithdrawLogHint { en: "If this meeting did not take place as logged (for example, it was logged twice), withdraw the log. It stays in its history, no longer counts, and your mentor manager sees why.", ro: "Dacă întâlnirea nu a avut loc așa cum a fost consemnată (de exemplu, a fost consemnată de două ori), retrageți jurnalul. Rămâne în istoric, nu mai este numărat, iar managerul de mentori vede motivul." }
    WithdrawLog { en: "Withdraw the log", ro: "Retrage jurnalul" }
    ConfirmWithdrawLog { en: "Withdraw this meeting log? It stays in its history but no longer counts.", ro: "Retrageți acest jurnal? Rămâne în istoric, dar nu mai este numărat." }
    DraftBlocksCorrection { en: "You have a meeting log in progress. Save it or clear it first, then correct this one.", ro: "Aveți un jurnal în lucru. Salvați-l sau goliți-l întâi, apoi corectați-l pe acesta." }
    OpenDraft { en: "Open the log in progress", ro: "Deschide jurnalul în lucru" }
    LogNotOnPhone { en: "This log is not on this phone. Open it from your list of meeting logs while online.", ro: "Acest jurnal nu este pe acest telefon. Deschideți-l din lista jurnalelor când aveți conexiune." }
    EarlierVersions { en: "Earlier versions", ro: "Versiunile anterioare" }
    LogVersion { en: "Version {n} · {who} · {time}", ro: "Versiunea {n} · {who} · {time}" }
    CorrectionBadge { en: "Correction", ro: "Corectură" }
    ConfirmDiscardCorrection { en: "Forget this correction? The report as the server has it stays as it is.", ro: "Renunțați la această corectură? Raportul rămâne așa cum îl are serverul." }
    CorrectingReport { en: "You are correcting the report you sent. Your mentor manager sees the corrected answers and can still read the earlier ones.", ro: "Corectați raportul trimis. Managerul de mentori vede răspunsurile corectate și le poate citi în continuare pe cele anterioare." }
    // Mentor screening.
    CheckKindLabel { en: "Check", ro: "Verificare" }
    CheckLabelLabel { en: "Name of the check", ro: "Denumirea verificării" }
    ValidityMonthsLabel { en: "Valid for (months; empty: does not expire)", ro: "Valabilă (luni; gol: nu expiră)" }
    CheckStateLabel { en: "Where it stands", ro: "Stadiu" }
    CheckNoteLabel { en: "Note (never the content of a criminal record)", ro: "Notă (niciodată conținutul unui cazier)" }
    RefereesTitle { en: "References", ro: "Recomandări" }
    NoReferees { en: "No reference recorded yet.", ro: "Nicio recomandare înregistrată încă." }
    RefereeNameLabel { en: "Who gives the reference", ro: "Cine dă recomandarea" }
    RefereeContactLabel { en: "How to reach them", ro: "Cum poate fi contactat" }
    AskedOnLabel { en: "Asked on", ro: "Solicitată la" }
    RefereeAnswerLabel { en: "Their answer, in short", ro: "Răspunsul, pe scurt" }
    RefereeAskedOn { en: "asked on {date}", ro: "solicitată la {date}" }
    RefereeNotAsked { en: "not asked yet", ro: "nesolicitată încă" }
    RefereeNoAnswer { en: "No answer yet.", ro: "Niciun răspuns încă." }
    AddReferee { en: "Add a reference", ro: "Adaugă o recomandare" }
    EditReferee { en: "Change", ro: "Modifică" }
    SaveReferee { en: "Save the reference", ro: "Salvează recomandarea" }
    ReferenceNumberLabel { en: "Reference number of the document", ro: "Numărul de referință al documentului" }
    WaivedReasonLabel { en: "Why it is not needed", ro: "De ce nu este necesară" }
    ProblemScreeningIncomplete { en: "This mentor's required screening checks are not all passed.", ro: "Verificările obligatorii ale acestui mentor nu sunt toate trecute." }
    ScreeningTitle { en: "Screening checks", ro: "Verificări" }
    ScreeningIntro { en: "The checks every mentor needs before being matched with a family. A mentor can not be matched until each is passed (or waived with a reason) and still valid.", ro: "Verificările de care are nevoie fiecare mentor înainte de a fi asociat cu o familie. Un mentor nu poate fi asociat până când fiecare nu este trecută (sau declarată nenecesară, cu motiv) și încă valabilă." }
    NoChecksRequired { en: "This programme requires no screening checks yet.", ro: "Acest program nu cere încă verificări." }
    ScreeningReady { en: "Every required check is done: this mentor can be matched.", ro: "Toate verificările obligatorii sunt făcute: acest mentor poate fi asociat." }
    ScreeningNotReady { en: "Some required checks are not done or no longer valid: this mentor can not be matched yet.", ro: "Unele verificări obligatorii nu sunt făcute sau nu mai sunt valabile: acest mentor nu poate fi încă asociat." }
    CheckNotRecorded { en: "Still needed: nothing recorded yet", ro: "Încă necesară: nimic înregistrat" }
    CheckStillNeeded { en: "Still needed ({state})", ro: "Încă necesară ({state})" }
    CheckValidUntil { en: "Passed, valid until {date}", ro: "Trecută, valabilă până la {date}" }
    CheckExpiresOn { en: "Passed, expires on {date}: renew it", ro: "Trecută, expiră la {date}: reînnoiți-o" }
    CheckExpiredOn { en: "Expired on {date}: screening expired", ro: "Expirată la {date}: verificare expirată" }
    RecordCheck { en: "Record where it stands", ro: "Înregistrați stadiul" }
    SaveCheck { en: "Save", ro: "Salvează" }
    AddCheck { en: "Add the check", ro: "Adaugă verificarea" }
    RetireCheck { en: "No longer require", ro: "Nu mai este obligatorie" }
    ConfirmRetireCheck { en: "Stop requiring this check? What was recorded for it stays.", ro: "Nu mai cereți această verificare? Ce s-a înregistrat rămâne." }
    ValidForMonths { en: "valid {n} months", ro: "valabilă {n} luni" }
    MentorsNotReady { en: "Mentors not ready to be matched (screening)", ro: "Mentori care nu pot fi încă asociați (verificări)" }
    ScreeningAlertsTitle { en: "Screening checks to renew", ro: "Verificări de reînnoit" }
    MyChecksTitle { en: "My screening checks", ro: "Verificările mele" }
    MyChecksIntro { en: "Before you meet a family, your programme checks that you are ready: here is what is done and what is still needed. Your mentor manager records them.", ro: "Înainte de a întâlni o familie, programul verifică dacă sunteți pregătit: iată ce este făcut și ce mai este necesar. Managerul de mentori le înregistrează." }
    CheckInterview { en: "Interview", ro: "Interviu" }
    CheckReferences { en: "Two references", ro: "Două recomandări" }
    CheckBackground { en: "Background check for work with children", ro: "Verificarea antecedentelor pentru lucrul cu copiii" }
    CheckConfidentiality { en: "Signed confidentiality agreement", ro: "Acord de confidențialitate semnat" }
    CheckCodeOfConduct { en: "Signed code of conduct", ro: "Cod de conduită semnat" }
    CheckTraining { en: "Training attended", ro: "Formare urmată" }
    CheckOther { en: "Other check", ro: "Altă verificare" }
    CheckNotStarted { en: "Not started", ro: "Neîncepută" }
    CheckRequested { en: "Requested", ro: "Solicitată" }
    CheckPassed { en: "Passed", ro: "Trecută" }
    CheckFailed { en: "Failed", ro: "Nereușită" }
    CheckWaived { en: "Waived", ro: "Nu este necesară" }
    ReportNotOnPhone { en: "This report is not on this phone. Open it again while online to correct it.", ro: "Acest raport nu este pe acest telefon. Deschideți-l din nou când aveți conexiune pentru a-l corecta." }
    ReportCorrectedNote { en: "Corrected · earlier versions below", ro: "Corectat · versiunile anterioare mai jos" }
    ReasonCorrectionConflict { en: "Another correction of this log reached the server first; nothing was overwritten. Read the log as it is now under My meeting logs, then discard this correction (or correct the log again).", ro: "O altă corectură a acestui jurnal a ajuns prima pe server; nimic nu a fost suprascris. Citiți jurnalul așa cum este acum în Jurnalele mele, apoi renunțați la această corectură (sau corectați din nou jurnalul)." }
    WithdrawGoal { en: "Withdraw the goal", ro: "Retrage obiectivul" }
    WithdrawGoalHint { en: "A withdrawn goal stays in the history with its reason; it is never deleted.", ro: "Un obiectiv retras rămâne în istoric cu motivul său; nu este șters niciodată." }
    ConfirmWithdrawGoal { en: "Withdraw this goal? It stays in the history with the reason.", ro: "Retrageți acest obiectiv? Rămâne în istoric, cu motivul." }
    GoalSaved { en: "The goal is saved on this phone and sent when there is a connection.", ro: "Obiectivul este salvat pe telefon și trimis când există conexiune." }
    GoalChangeWaiting { en: "Not sent yet", ro: "Netrimis încă" }
    GoalChangeSent { en: "Sent", ro: "Trimis" }
    GoalChangeRefused { en: "Not accepted: {reason}", ro: "Neacceptat: {reason}" }
    GoalChangeConflict { en: "Changed elsewhere before your change arrived: yours was not saved.", ro: "Modificat în altă parte înainte să ajungă modificarea dumneavoastră: a dumneavoastră nu a fost salvată." }
    DiscardChange { en: "Discard my change", ro: "Renunță la modificarea mea" }
    ConfirmDiscardChange { en: "Discard your change? The goal stays as the server has it.", ro: "Renunțați la modificare? Obiectivul rămâne cum este pe server." }
    GoalHistory { en: "History", ro: "Istoric" }
    GoalRevisionBy { en: "Version {n}, {date}, by {name}", ro: "Versiunea {n}, {date}, de {name}" }
    PairGoalsTitle { en: "Goals of {mentee} with {mentor}", ro: "Obiectivele lui {mentee} cu {mentor}" }
    GoalsLink { en: "Goals", ro: "Obiective" }
    ChooseMenteeForGoals { en: "Choose a mentee to see and set goals.", ro: "Alegeți un mentorat pentru a vedea și stabili obiective." }
    GoOnTitle { en: "Do you want to go on?", ro: "Doriți să continuați?" }
    GoOnIntro { en: "After the first weeks of getting to know each other, say whether you want to go on together. Your mentor manager reads your answer and confirms the pair.", ro: "După primele săptămâni de cunoaștere, spuneți dacă doriți să continuați împreună. Managerul de mentori citește răspunsul și confirmă perechea." }
    GoOnQuestion { en: "With {name}, since {date}: do you want to go on together?", ro: "Cu {name}, din {date}: doriți să continuați împreună?" }
    GoOnYes { en: "Yes, I want to go on", ro: "Da, vreau să continui" }
    GoOnNo { en: "No, I do not want to go on", ro: "Nu, nu vreau să continui" }
    GoOnReasonLabel { en: "Why not? Only your mentor manager reads this.", ro: "De ce nu? Doar managerul de mentori citește acest lucru." }
    SendAnswer { en: "Send my answer", ro: "Trimite răspunsul" }
    AnswerSent { en: "Thank you: your answer was sent. You can change it until the pair is confirmed.", ro: "Mulțumim: răspunsul a fost trimis. Îl puteți schimba până la confirmarea perechii." }
    YourAnswerYes { en: "Your answer so far: yes, go on.", ro: "Răspunsul de până acum: da, continuăm." }
    YourAnswerNo { en: "Your answer so far: no.", ro: "Răspunsul de până acum: nu." }
    NothingToAnswer { en: "Nothing to answer: none of your pairs is getting to know each other.", ro: "Nimic de răspuns: niciuna dintre perechile dumneavoastră nu este în perioada de cunoaștere." }
    AnswerOfMentor { en: "Mentor: {answer}", ro: "Mentor: {answer}" }
    AnswerOfMentee { en: "Mentee: {answer}", ro: "Mentorat: {answer}" }
    AnswerYes { en: "wants to go on", ro: "dorește să continue" }
    AnswerNo { en: "does not want to go on: {reason}", ro: "nu dorește să continue: {reason}" }
    NotAnsweredYet { en: "not answered yet", ro: "nu a răspuns încă" }
    RecordMenteeAnswer { en: "Record the mentee's answer", ro: "Înregistrați răspunsul mentoratului" }
    ConfirmPair { en: "Confirm the pair", ro: "Confirmați perechea" }
    PairConfirmed { en: "The pair is confirmed and active.", ro: "Perechea este confirmată și activă." }
    ClosePair { en: "Close the pair", ro: "Încheiați perechea" }
    OutcomeLabel { en: "How it ended", ro: "Cum s-a încheiat" }
    EndCompleted { en: "Completed", ro: "Încheiat" }
    EndDroppedOut { en: "Dropped out early", ro: "Abandonat înainte de termen" }
    EndNotConfirmed { en: "Not confirmed after getting to know", ro: "Neconfirmat după perioada de cunoaștere" }
    PairDropReasonLabel { en: "Why it ended early", ro: "De ce s-a încheiat mai devreme" }
    DropMenteeWithdrew { en: "The mentee withdrew", ro: "Mentoratul s-a retras" }
    DropMentorWithdrew { en: "The mentor withdrew", ro: "Mentorul s-a retras" }
    DropMoved { en: "The family moved", ro: "Familia s-a mutat" }
    DropLostContact { en: "Lost contact", ro: "Contact pierdut" }
    DropChildLeftSchool { en: "The child left the school", ro: "Copilul a părăsit școala" }
    DropNotAGoodMatch { en: "Not a good match", ro: "Asociere nepotrivită" }
    DropOther { en: "Another reason", ro: "Alt motiv" }
    EndDetailsLabel { en: "More details", ro: "Alte detalii" }
    EndedOnLabel { en: "Ended on", ro: "Încheiat la data de" }
    ContinuesLabel { en: "The mentee goes on with a new mentor", ro: "Mentoratul continuă cu un alt mentor" }
    ConfirmClosePair { en: "Close this pair? This cannot be undone.", ro: "Încheiați această pereche? Acțiunea nu poate fi anulată." }
    PairClosed { en: "The pair is closed.", ro: "Perechea a fost încheiată." }
    EndedAs { en: "ended {date}: {outcome}", ro: "încheiat {date}: {outcome}" }
    GoesOnNote { en: "the mentee goes on with a new mentor", ro: "mentoratul continuă cu un alt mentor" }
    ContinuesEarlierPair { en: "continues an earlier pair", ro: "continuă o pereche anterioară" }
    ProposeAsMentor { en: "Propose as a mentor", ro: "Propuneți ca mentor" }
    ProposedAsMentor { en: "Proposed as a mentor candidate", ro: "Propus ca mentor" }
    PastPlannedEnd { en: "past its planned end", ro: "a depășit data planificată de încheiere" }
    PairActiveBadge { en: "Active", ro: "Activă" }

    // The mid-term and final reports (Tools 3 and 4), and the mirror view.
    ReportsLink { en: "Reports", ro: "Rapoarte" }
    MirrorTitle { en: "Reports of {mentor} and {mentee}", ro: "Rapoartele lui {mentor} și {mentee}" }
    MirrorIntro { en: "The mentor's and the mentee's answers side by side. Where they differ, talk about it in supervision.", ro: "Răspunsurile mentorului și ale mentoratului, alăturate. Unde diferă, discutați în supervizare." }
    QuestionColumn { en: "Question", ro: "Întrebare" }
    AnsweredOnDate { en: "answered on {date}", ro: "completat la {date}" }
    NoReportsYet { en: "Neither side has answered this report yet.", ro: "Niciuna dintre părți nu a completat încă acest raport." }
    AnswersDiffer { en: "Answers differ", ro: "Răspunsuri diferite" }
    TimeMetValue { en: "{months} months, {weeks} weeks", ro: "{months} luni, {weeks} săptămâni" }
    ChoiceDisagree { en: "Disagree", ro: "Dezacord" }
    ChoiceAgree { en: "Agree", ro: "Acord" }
    ChoiceCouldBeImproved { en: "Could be improved", ro: "Se poate îmbunătăți" }
    ChoiceYes { en: "YES", ro: "DA" }
    ChoiceNo { en: "NO", ro: "NU" }
    QTimeMet { en: "For how long have you met (so far)?", ro: "De cât timp vă întâlniți (până acum)?" }
    QChangeMidterm { en: "Do you feel there was any change in the way the parent supports the child?", ro: "Simțiți că s-a schimbat ceva în felul în care părintele își sprijină copilul?" }
    QChangeFinal { en: "Do you feel there has been any change in the collaboration between the parent and the school in supporting the child?", ro: "Simțiți că s-a schimbat ceva în colaborarea dintre părinte și școală în sprijinirea copilului?" }
    QMentorInfluence { en: "What was the influence of the mentor in this?", ro: "Care a fost influența mentorului în aceasta?" }
    QSRelationship { en: "This mentoring process is useful in supporting the relationship between children – parents – school.", ro: "Acest proces de mentorat este util în sprijinirea relației dintre copii – părinți – școală." }
    QSWellbeing { en: "This mentoring process helps parents in promoting their children's well-being.", ro: "Acest proces de mentorat îi ajută pe părinți să promoveze bunăstarea copiilor lor." }
    QSMotivates { en: "This mentoring process motivates parents to keep interacting with school.", ro: "Acest proces de mentorat îi motivează pe părinți să rămână în legătură cu școala." }
    QSConfidence { en: "My mentor gives me / As a mentor I give confidence in my / their own abilities to help my / their children's learning.", ro: "Mentorul meu îmi dă / Ca mentor dau încredere în propriile mele / lor abilități de a ajuta la învățarea copiilor mei / lor." }
    QSDialogue { en: "This mentoring process supports a closer dialogue between parents, school, and community.", ro: "Acest proces de mentorat sprijină un dialog mai strâns între părinți, școală și comunitate." }
    QSVoice { en: "This mentoring process gives a voice of power to parents related to their children's schooling life.", ro: "Acest proces de mentorat le dă părinților o voce puternică în viața școlară a copiilor lor." }
    QSAchievement { en: "This mentoring process is an important activity for parents and children to enable school achievement and well-being.", ro: "Acest proces de mentorat este o activitate importantă pentru părinți și copii, pentru reușita școlară și bunăstare." }
    QComment { en: "Please add any other comment you feel necessary.", ro: "Adăugați orice alt comentariu considerați necesar." }
    QWouldChange { en: "Would you change something in the way that the programme is implemented? If YES, please write what we can do better next time.", ro: "Ați schimba ceva în felul în care este implementat programul? Dacă DA, scrieți ce putem face mai bine data viitoare." }
    QAdviceNewPairs { en: "What additional information should be provided to new mentors and/or to mentees to make their mentoring relationship a success?", ro: "Ce informații suplimentare ar trebui oferite noilor mentori și/sau mentorați pentru ca relația de mentorat să fie un succes?" }
    QCConfidence { en: "My child has more confidence.", ro: "Copilul meu are mai multă încredere." }
    QCFriends { en: "My child has more friends.", ro: "Copilul meu are mai mulți prieteni." }
    QCExtracurricular { en: "My child has more participation in extracurricular school activities.", ro: "Copilul meu participă mai mult la activitățile extrașcolare." }
    QCViewSchool { en: "My child has a more positive view of the school.", ro: "Copilul meu are o părere mai bună despre școală." }
    QCBehaviour { en: "My child has decreased his/her disruptive behaviours.", ro: "Copilul meu are mai puține comportamente perturbatoare." }
    QCAttendance { en: "My child is attending school more regularly.", ro: "Copilul meu merge mai regulat la școală." }
    QCAcademic { en: "My child has improved his/her academic success.", ro: "Copilul meu are rezultate școlare mai bune." }
    QPParentalSkills { en: "I trust more in my parental skills.", ro: "Am mai multă încredere în abilitățile mele de părinte." }
    QPRelationshipChild { en: "I feel I have a better relationship with my child.", ro: "Simt că am o relație mai bună cu copilul meu." }
    QPRepresentChild { en: "I have more confidence in being able to represent my child.", ro: "Am mai multă încredere că îmi pot reprezenta copilul." }
    QPCommunicationSchool { en: "I can have a better communication with the school.", ro: "Pot comunica mai bine cu școala." }
    QPCollaborate { en: "I can collaborate with my child and the school.", ro: "Pot colabora cu copilul meu și cu școala." }
    QPParticipation { en: "I participate more in extracurricular school activities and/or in decision making.", ro: "Particip mai mult la activitățile extrașcolare și/sau la luarea deciziilor." }
    QPSchoolSafe { en: "I feel the school is a supportive and safe place for me and my child.", ro: "Simt că școala este un loc sigur și de sprijin pentru mine și copilul meu." }
    QPInvolved { en: "I feel more involved and engaged in school activities.", ro: "Mă simt mai implicat(ă) în activitățile școlii." }
    QPMeetParents { en: "I have more meetings with other parents and/or other people.", ro: "Mă întâlnesc mai des cu alți părinți și/sau alte persoane." }
    QPNewSkills { en: "I have learnt new skills during the mentoring process.", ro: "Am învățat lucruri noi în timpul mentoratului." }
    QMUnderstanding { en: "I have gained more understanding of hardships of parents and children.", ro: "Înțeleg mai bine greutățile părinților și ale copiilor." }
    QMHelpFamilies { en: "I feel I can help other families.", ro: "Simt că pot ajuta alte familii." }
    QMHelpMentors { en: "I feel I can support and help other mentors.", ro: "Simt că pot sprijini și ajuta alți mentori." }
    QMSelfKnowledge { en: "I have improved my self-knowledge.", ro: "Mă cunosc mai bine pe mine însumi / însămi." }
    QMConfidence { en: "I have more confidence due to positive feedback from mentee(s).", ro: "Am mai multă încredere datorită reacțiilor pozitive ale mentoraților." }
    QMNewSkills { en: "I have learnt new skills.", ro: "Am învățat lucruri noi." }
    QMSupported { en: "I felt supported during the mentoring process.", ro: "M-am simțit sprijinit(ă) în timpul mentoratului." }
    ReportsIntro { en: "The mid-term report is due half-way through the mentoring, the final report at its planned end. You answer, and your mentee answers in their own words: with their own login, or on your phone.", ro: "Raportul intermediar se completează la jumătatea mentoratului, cel final la data planificată de încheiere. Răspundeți dumneavoastră, iar mentoratul răspunde cu propriile cuvinte: cu contul său sau pe telefonul dumneavoastră." }
    NoReportsDue { en: "Reports appear here once you have a mentee with a planned end date.", ro: "Rapoartele apar aici când aveți un mentorat cu o dată planificată de încheiere." }
    YourAnswers { en: "Your answers", ro: "Răspunsurile dumneavoastră" }
    AnswersOf { en: "{name}'s answers", ro: "Răspunsurile lui {name}" }
    DueOnDate { en: "due {date}", ro: "termen {date}" }
    ReportWaiting { en: "Saved on this phone, waiting to be sent", ro: "Salvat pe telefon, așteaptă să fie trimis" }
    ReportNotAccepted { en: "Not accepted by the server: {problems}", ro: "Neacceptat de server: {problems}" }
    ReportConflict { en: "The server already has a different version of this report.", ro: "Serverul are deja o altă versiune a acestui raport." }
    FillIn { en: "Fill in", ro: "Completați" }
    CorrectReport { en: "Correct", ro: "Corectați" }
    HandOverTo { en: "Hand the phone to {name}", ro: "Dați telefonul lui {name}" }
    ReportUnknown { en: "This report cannot be filled in here: the link names no pair of yours.", ro: "Acest raport nu poate fi completat aici: legătura nu indică o pereche a dumneavoastră." }
    ReportFormTitle { en: "{report}: {who}", ro: "{report}: {who}" }
    ReportPrivacyTitle { en: "Your answers are private", ro: "Răspunsurile dumneavoastră sunt private" }
    PrivacyPromise { en: "Only you and the programme's manager read your answers. Your mentor does not: they will only see that you answered, and when. The coordinator sees totals, never names.", ro: "Doar dumneavoastră și managerul programului citiți răspunsurile. Mentorul nu le vede: va afla doar că ați răspuns și când. Coordonatorul vede doar totaluri, niciodată nume." }
    StartAnswering { en: "Start", ro: "Începeți" }
    SimpleModeLabel { en: "One question at a time, with big buttons", ro: "O întrebare pe rând, cu butoane mari" }
    ReadAloud { en: "Read aloud", ro: "Citiți cu voce tare" }
    ProgressOf { en: "{n} of {total}", ro: "{n} din {total}" }
    NextQuestion { en: "Next", ro: "Înainte" }
    SendReport { en: "Save and send", ro: "Salvați și trimiteți" }
    InWhatWay { en: "If you chose Disagree or Could be improved, please tell us in what way", ro: "Dacă ați ales Dezacord sau Se poate îmbunătăți, spuneți-ne în ce fel" }
    ChangeExplain { en: "If yes, please tell what it is. If no, please write the reasons.", ro: "Dacă da, spuneți ce anume. Dacă nu, scrieți motivele." }
    WriteInWhatWay { en: "Please write in what way", ro: "Scrieți în ce fel" }
    WhatBetter { en: "What can we do better next time?", ro: "Ce putem face mai bine data viitoare?" }
    YourAnswer { en: "Your answer", ro: "Răspunsul dumneavoastră" }
    MonthsLabel { en: "Months", ro: "Luni" }
    WeeksLabel { en: "Weeks", ro: "Săptămâni" }
    ReportSaved { en: "Saved. The report is sent as soon as the phone is online.", ro: "Salvat. Raportul se trimite imediat ce telefonul are conexiune." }
    ThanksMentee { en: "Thank you. Your answers are saved and will be sent. Please give the phone back to {mentor}.", ro: "Mulțumim. Răspunsurile sunt salvate și vor fi trimise. Vă rugăm să dați telefonul înapoi lui {mentor}." }
    BackToMentor { en: "Give the phone back", ro: "Înapoi la mentor" }
    AnsweredOnDateMentee { en: "{name} answered on {date}", ro: "{name} a răspuns la {date}" }
    // The manager's home: every pair at a glance.
    DashboardIntro { en: "Every pair of your programmes, and what needs you now. A safeguarding concern always comes first.", ro: "Toate perechile din programele dumneavoastră și ce are nevoie de dumneavoastră acum. O îngrijorare privind siguranța este întotdeauna prima." }
    AlertsTitle { en: "Needs you", ro: "Are nevoie de dumneavoastră" }
    NoAlerts { en: "Nothing needs you right now.", ro: "Nimic nu are nevoie de dumneavoastră acum." }
    MoreAlerts { en: "Show all pairs with an alert ({n} more alerts)", ro: "Arată toate perechile cu o alertă (încă {n} alerte)" }
    AlertConcern { en: "a safeguarding concern is waiting to be acknowledged ({n})", ro: "o îngrijorare privind siguranța așteaptă să fie confirmată ({n})" }
    AlertReportOverdue { en: "the {report} is overdue (not answered by: {who})", ro: "{report} este întârziat (fără răspuns de la: {who})" }
    AlertNoMeeting { en: "no meeting logged for {n} days", ro: "nicio întâlnire înregistrată de {n} zile" }
    AlertNotConfirmed { en: "getting to know each other for {n} days, not confirmed yet", ro: "se cunosc de {n} zile, încă neconfirmată" }
    AlertEndAsked { en: "the mentee asked to end the mentoring ({n} days ago)", ro: "mentoratul a cerut încheierea mentoratului (acum {n} zile)" }
    AlertKindEndAsked { en: "Asked to end", ro: "Cere încheierea" }
    AlertPastEnd { en: "{n} days past the planned end", ro: "cu {n} zile peste sfârșitul planificat" }
    AlertChallenges { en: "{n} challenges not yet discussed at a group meeting", ro: "{n} provocări încă nediscutate la o întâlnire de grup" }
    AlertKindConcern { en: "Concern", ro: "Îngrijorare" }
    AlertKindReportOverdue { en: "Report overdue", ro: "Raport întârziat" }
    AlertKindNoMeeting { en: "No meeting", ro: "Nicio întâlnire" }
    AlertKindNotConfirmed { en: "Not confirmed", ro: "Neconfirmată" }
    AlertKindPastEnd { en: "Past planned end", ro: "Peste termen" }
    AlertKindChallenges { en: "Challenges", ro: "Provocări" }
    DashboardPairsTitle { en: "Every pair", ro: "Toate perechile" }
    PairsShown { en: "{n} of {total} pairs", ro: "{n} din {total} perechi" }
    NoPairsYet { en: "No pairs yet: matching makes them.", ro: "Nu există încă perechi: asocierea le creează." }
    NoPairsMatch { en: "No pair matches these filters.", ro: "Nicio pereche nu corespunde acestor filtre." }
    SearchNames { en: "Mentor or mentee", ro: "Mentor sau mentorat" }
    StatusLabel { en: "Status", ro: "Stare" }
    AllPairs { en: "All pairs", ro: "Toate perechile" }
    ProgrammeLabel { en: "Programme", ro: "Program" }
    AllProgrammes { en: "All programmes", ro: "Toate programele" }
    OnlyWithAlerts { en: "Only pairs that need me", ro: "Doar perechile care au nevoie de mine" }
    ApplyFilters { en: "Show", ro: "Arată" }
    ColPair { en: "Pair", ro: "Pereche" }
    ColLastMeeting { en: "Last meeting", ro: "Ultima întâlnire" }
    ColPerMonth { en: "Meetings a month (expected)", ro: "Întâlniri pe lună (așteptate)" }
    ColOpenChallenges { en: "Challenges to discuss", ro: "Provocări de discutat" }
    ColReports { en: "Next report", ro: "Următorul raport" }
    ColPlannedEnd { en: "Planned end", ro: "Sfârșit planificat" }
    LastMeetingDays { en: "{date} ({n} days ago)", ro: "{date} (acum {n} zile)" }
    NoMeetingYet { en: "None yet", ro: "Niciuna încă" }
    ReportLateOn { en: "{report}: late since {date}", ro: "{report}: întârziat din {date}" }
    ReportDueSoonOn { en: "{report}: due soon, {date}", ro: "{report}: termen apropiat, {date}" }
    LogsLink { en: "Logs", ro: "Jurnale" }
    ConcernsLink { en: "Concerns", ro: "Îngrijorări" }
    Pages { en: "Pages", ro: "Pagini" }
    PageOf { en: "Page {n} of {total}", ro: "Pagina {n} din {total}" }
    PreviousPage { en: "Previous", ro: "Înapoi" }
    NextPage { en: "Next", ro: "Înainte" }
    AllLogsLink { en: "Every meeting log of my programmes", ro: "Toate jurnalele de întâlnire din programele mele" }
    ManagerLogsTitle { en: "Meeting logs of my programmes", ro: "Jurnalele de întâlnire din programele mele" }
    LogWordsLabel { en: "Words in the log", ro: "Cuvinte din jurnal" }
    LogWordsHint { en: "Each word is found at the start of a word, with or without accents, in the description, what went well and the challenge.", ro: "Fiecare cuvânt este găsit la începutul unui cuvânt, cu sau fără diacritice, în descriere, în ce a mers bine și în provocare." }
    LogPairLabel { en: "Pair", ro: "Pereche" }
    AnyPair { en: "Any pair", ro: "Orice pereche" }
    AnyMentor { en: "Any mentor", ro: "Orice mentor" }
    AnyMentee { en: "Any mentee", ro: "Orice mentorat" }
    AnyForm { en: "Any form", ro: "Orice formă" }
    ClearSearch { en: "Clear the search", ro: "Șterge căutarea" }
    NoLogsFound { en: "No meeting log matches this search.", ro: "Niciun jurnal de întâlnire nu corespunde căutării." }
    OlderLogs { en: "Show older logs", ro: "Arată jurnale mai vechi" }
    SearchPageLabel { en: "Page of the search", ro: "Pagina căutării" }
    BackToDashboard { en: "Back to my pairs", ro: "Înapoi la perechile mele" }
    QuietDaysLabel { en: "Days without a meeting before an alert", ro: "Zile fără întâlnire până la o alertă" }
    // Supervision.
    NavSupervision { en: "Supervision", ro: "Supervizare" }
    SupervisionTitle { en: "Supervision of the mentors", ro: "Supervizarea mentorilor" }
    SupervisionIntro { en: "Check in with each mentor in their first days, and meet the mentors as a group to discuss cases, challenges and strategies.", ro: "Luați legătura cu fiecare mentor în primele zile și întâlniți-vă cu mentorii în grup pentru a discuta cazuri, provocări și strategii." }
    CheckInsTitle { en: "Check-ins", ro: "Discuții de verificare" }
    EveryNewMentorCheckedIn { en: "Every new mentor has had a check-in.", ro: "Fiecare mentor nou a avut o discuție de verificare." }
    NewMentorsWithoutCheckIn { en: "New mentors who have had no check-in yet:", ro: "Mentori noi care nu au avut încă o discuție de verificare:" }
    MatchedOn { en: "matched on {date}", ro: "asociat la {date}" }
    NewCheckIn { en: "Log a check-in", ro: "Înregistrați o discuție de verificare" }
    NotesLabel { en: "Notes", ro: "Note" }
    FollowUpLabel { en: "Follow-up", ro: "Pașii următori" }
    SaveCheckIn { en: "Save the check-in", ro: "Salvați discuția" }
    NoCheckInsYet { en: "No check-ins logged yet.", ro: "Nicio discuție de verificare înregistrată încă." }
    RecordedBy { en: "Recorded by {name}", ro: "Înregistrat de {name}" }
    ColFirstPair { en: "First pair", ro: "Prima pereche" }
    ColCheckIns { en: "Check-ins", ro: "Discuții" }
    ColLastCheckIn { en: "Last check-in", ro: "Ultima discuție" }
    GroupMeetingsTitle { en: "Group meetings", ro: "Întâlniri de grup" }
    GroupMeetingsIntro { en: "The agenda is proposed from the challenges and dilemmas in the meeting logs, without the mentees' names. What a group meeting makes of a challenge is shown to the mentor who raised it.", ro: "Ordinea de zi este propusă din provocările și dilemele din jurnalele de întâlnire, fără numele mentoraților. Ce hotărăște întâlnirea de grup despre o provocare îi este arătat mentorului care a ridicat-o." }
    NewGroupMeeting { en: "Plan a group meeting", ro: "Planificați o întâlnire de grup" }
    AttendeesLabel { en: "Who attended", ro: "Cine a participat" }
    SaveGroupMeeting { en: "Save the group meeting", ro: "Salvați întâlnirea de grup" }
    NoGroupMeetingsYet { en: "No group meetings yet.", ro: "Nicio întâlnire de grup încă." }
    GroupMeetingOn { en: "Group meeting on {date}", ro: "Întâlnire de grup din {date}" }
    NobodyYet { en: "nobody yet", ro: "nimeni încă" }
    AgendaTitle { en: "Agenda", ro: "Ordinea de zi" }
    AgendaEmpty { en: "Nothing on the agenda yet.", ro: "Nimic pe ordinea de zi încă." }
    RaisedBy { en: "Raised by {name}", ro: "Ridicată de {name}" }
    DiscussedBadge { en: "Discussed", ro: "Discutat" }
    AgendaOutcomeLabel { en: "What came of it", ro: "Ce s-a hotărât" }
    MarkDiscussed { en: "Mark discussed", ro: "Marcați ca discutat" }
    SaveOutcome { en: "Save what came of it", ro: "Salvați ce s-a hotărât" }
    AddToAgenda { en: "Add to the agenda", ro: "Adăugați pe ordinea de zi" }
    ProposedChallenges { en: "Challenges from the meeting logs", ro: "Provocări din jurnalele de întâlnire" }
    NoChallengesToPropose { en: "No challenge from the meeting logs is waiting.", ro: "Nicio provocare din jurnale nu așteaptă." }
    OwnTopicLabel { en: "A topic of your own", ro: "O temă proprie" }
    // Safeguarding concerns.
    ConcernsTitle { en: "Safeguarding concerns: {mentor} · {mentee}", ro: "Îngrijorări privind siguranța: {mentor} · {mentee}" }
    ConcernsIntro { en: "Only the managers of the programme and the coordinators of the organisation read these. Every reading is recorded.", ro: "Doar managerii programului și coordonatorii organizației le citesc. Fiecare citire este înregistrată." }
    BackToMatching { en: "Back to the programme's pairs", ro: "Înapoi la perechile programului" }
    NoConcerns { en: "No concern was raised for this pair.", ro: "Nu a fost ridicată nicio îngrijorare pentru această pereche." }
    ConcernAboutLabel { en: "Whose safety worries you?", ro: "Siguranța cui vă îngrijorează?" }
    ConcernAboutChild { en: "A child's", ro: "A unui copil" }
    ConcernAboutAdult { en: "An adult's", ro: "A unui adult" }
    ConcernHappenedLabel { en: "What happened", ro: "Ce s-a întâmplat" }
    ConcernDoneLabel { en: "What was done straight away", ro: "Ce s-a făcut imediat" }
    NotAcknowledgedYet { en: "Not acknowledged yet.", ro: "Neconfirmată încă." }
    Acknowledge { en: "Acknowledge", ro: "Confirmați primirea" }
    AcknowledgeConfirm { en: "Acknowledge this concern? The mentor will see that you have read it and are acting on it.", ro: "Confirmați această îngrijorare? Mentorul va vedea că ați citit-o și că vă ocupați de ea." }
    AcknowledgedBy { en: "Acknowledged by {name}, {time}", ro: "Confirmată de {name}, {time}" }
    ActionsTaken { en: "Actions taken", ro: "Măsuri luate" }
    NoActionsYet { en: "No action recorded yet.", ro: "Nicio măsură înregistrată încă." }
    RecordAction { en: "Record an action", ro: "Înregistrați o măsură" }
    ActionKindLabel { en: "Action", ro: "Măsura" }
    TakenOnLabel { en: "On", ro: "La data" }
    ActionDetailsLabel { en: "Details", ro: "Detalii" }
    SaveAction { en: "Save the action", ro: "Salvați măsura" }
    ActionChildProtection { en: "Referred to the child protection services", ro: "Sesizare la serviciile de protecție a copilului" }
    ActionPolice { en: "Told the police", ro: "Anunțată poliția" }
    ActionSchoolLead { en: "Told the school's safeguarding lead", ro: "Anunțat responsabilul școlii pentru protecție" }
    ActionHealth { en: "Referred to health services", ro: "Trimis la serviciile de sănătate" }
    ActionTalkedWithMentor { en: "Talked with the mentor", ro: "Discuție cu mentorul" }
    ActionOther { en: "Something else", ro: "Altceva" }
    RaiseConcernTitle { en: "I am worried about someone's safety", ro: "Sunt îngrijorat(ă) pentru siguranța cuiva" }
    RaiseConcernIntro { en: "The safety of a child comes first. Say what happened and what you did; your manager is told at once, before anything else is sent.", ro: "Siguranța unui copil este pe primul loc. Spuneți ce s-a întâmplat și ce ați făcut; managerul este anunțat imediat, înaintea oricărui alt lucru trimis." }
    ConcernEmergency { en: "If someone is in danger right now, call the emergency number (112) first.", ro: "Dacă cineva este în pericol chiar acum, sunați întâi la numărul de urgență (112)." }
    ConcernWhoReads { en: "Only your manager and the programme's coordinator read this. The mentee does not, nor do other mentors.", ro: "Doar managerul dumneavoastră și coordonatorul programului citesc aceasta. Nici mentoratul, nici alți mentori." }
    SendConcern { en: "Send to my manager", ro: "Trimiteți managerului" }
    ConcernSaved { en: "Saved on this phone. It is sent before anything else as soon as the phone is online.", ro: "Salvat pe acest telefon. Se trimite înaintea oricărui alt lucru imediat ce telefonul are conexiune." }
    MyConcernsTitle { en: "Concerns I raised", ro: "Îngrijorările ridicate de mine" }
    ConcernWaiting { en: "On this phone, waiting to be sent", ro: "Pe acest telefon, așteaptă să fie trimisă" }
    ConcernRefused { en: "Not accepted: please check and send again", ro: "Neacceptată: verificați și trimiteți din nou" }
    FixAndResend { en: "Check and send again", ro: "Verificați și trimiteți din nou" }
    ConcernReceived { en: "Received, not acknowledged yet", ro: "Primită, neconfirmată încă" }
    AcknowledgedOn { en: "Acknowledged {time}", ro: "Confirmată {time}" }
    ConcernFromLog { en: "Worried about someone's safety? Raise a concern", ro: "Vă îngrijorează siguranța cuiva? Ridicați o îngrijorare" }
    // Notifications.
    NotificationsTitle { en: "Notifications", ro: "Notificări" }
    NotificationsIntro { en: "What needs you, each with a link to where it is done.", ro: "Ce are nevoie de dumneavoastră, fiecare cu un link către locul unde se face." }
    NoNotifications { en: "Nothing for you right now.", ro: "Nimic pentru dumneavoastră acum." }
    NewBadge { en: "New", ro: "Nou" }
    NoticeReportDue { en: "The {report} for {name} is due on {date}", ro: "{report} pentru {name} are termen la {date}" }
    NoticeReportLate { en: "The {report} for {name} is late (due {date})", ro: "{report} pentru {name} este întârziat (termen {date})" }
    NoticeNoMeeting { en: "No meeting with {name} logged for {n} days", ro: "Nicio întâlnire cu {name} înregistrată de {n} zile" }
    NoticeDiscussed { en: "A challenge you raised was discussed at the group meeting on {date}: {outcome}", ro: "O provocare ridicată de dumneavoastră a fost discutată la întâlnirea de grup din {date}: {outcome}" }
    NoticeAcknowledged { en: "Your manager acknowledged the safeguarding concern you raised.", ro: "Managerul a confirmat îngrijorarea privind siguranța pe care ați ridicat-o." }
    // Emails: no names, no details, only what to look at.
    MailHello { en: "Hello,", ro: "Bună ziua," }
    MailResetSubject { en: "Parent Bridge: set a new password", ro: "Parent Bridge: setați o parolă nouă" }
    MailResetBody { en: "Someone asked to set a new password for your Parent Bridge account. If it was you, open this link within one hour:", ro: "Cineva a cerut setarea unei parole noi pentru contul dumneavoastră Parent Bridge. Dacă ați fost dumneavoastră, deschideți acest link în decurs de o oră:" }
    MailResetIgnore { en: "If it was not you, ignore this email: your password stays as it is.", ro: "Dacă nu ați fost dumneavoastră, ignorați acest e-mail: parola rămâne neschimbată." }
    MailEmailSubject { en: "Parent Bridge: confirm your new email address", ro: "Parent Bridge: confirmați adresa de e-mail nouă" }
    MailEmailBody { en: "Open this link within 24 hours to log in to Parent Bridge with this address from now on:", ro: "Deschideți acest link în 24 de ore pentru a vă autentifica de acum în Parent Bridge cu această adresă:" }
    MailEmailIgnore { en: "If you did not ask for this, ignore this email: nothing changes.", ro: "Dacă nu ați cerut acest lucru, ignorați acest e-mail: nu se schimbă nimic." }
    MailEmailChangedSubject { en: "Parent Bridge: your email address was changed", ro: "Parent Bridge: adresa de e-mail a fost schimbată" }
    MailEmailChangedBody { en: "Your Parent Bridge account logs in with {email} from now on. If you did not make this change, tell your mentor manager or coordinator at once.", ro: "Contul dumneavoastră Parent Bridge se autentifică de acum cu {email}. Dacă nu ați făcut această schimbare, spuneți-i imediat managerului de mentori sau coordonatorului." }
    MailConcernSubject { en: "Parent Bridge: a safeguarding concern was raised", ro: "Parent Bridge: a fost ridicată o îngrijorare privind siguranța" }
    MailConcernBody { en: "A mentor has raised a safeguarding concern in one of your programmes. Please read it and acknowledge it in Parent Bridge:", ro: "Un mentor a ridicat o îngrijorare privind siguranța într-unul dintre programele dumneavoastră. Vă rugăm să o citiți și să o confirmați în Parent Bridge:" }
    MailNoDetails { en: "This email holds no details on purpose: they are in the app, where only the people who may read them can.", ro: "Acest e-mail nu conține detalii, intenționat: ele sunt în aplicație, unde le pot citi doar persoanele îndreptățite." }
    DigestSubject { en: "Parent Bridge: {n} things need you", ro: "Parent Bridge: {n} lucruri au nevoie de dumneavoastră" }
    DigestIntro { en: "In Parent Bridge, {n} things need you:", ro: "În Parent Bridge, {n} lucruri au nevoie de dumneavoastră:" }
    DigestConcerns { en: "Safeguarding concerns to acknowledge", ro: "Îngrijorări privind siguranța de confirmat" }
    DigestReportsOverdue { en: "Overdue reports", ro: "Rapoarte întârziate" }
    DigestNoMeeting { en: "Pairs with no meeting logged for a while", ro: "Perechi fără întâlniri înregistrate de ceva vreme" }
    DigestNotConfirmed { en: "Pairs getting to know each other for over three weeks", ro: "Perechi care se cunosc de peste trei săptămâni" }
    DigestEndAsked { en: "Mentees who asked to end the mentoring", ro: "Mentorați care au cerut încheierea mentoratului" }
    DigestPastEnd { en: "Pairs past their planned end", ro: "Perechi peste sfârșitul planificat" }
    DigestChallenges { en: "Pairs with challenges to discuss", ro: "Perechi cu provocări de discutat" }
    DigestReportsDue { en: "Reports due soon or late", ro: "Rapoarte cu termen apropiat sau întârziate" }
    DigestScreening { en: "Mentors' screening checks expiring or expired", ro: "Verificări ale mentorilor care expiră sau au expirat" }
    DigestMenteesQuiet { en: "Mentees you have not logged a meeting with for a while", ro: "Mentorați cu care nu ați înregistrat o întâlnire de ceva vreme" }
    DigestDiscussed { en: "Challenges of yours discussed at a group meeting", ro: "Provocări de-ale dumneavoastră discutate la o întâlnire de grup" }
    DigestAcknowledged { en: "Concerns of yours acknowledged", ro: "Îngrijorări de-ale dumneavoastră confirmate" }
    DigestOpen { en: "Open Parent Bridge to see them:", ro: "Deschideți Parent Bridge pentru a le vedea:" }
    DigestWhy { en: "You get this email once a day when something needs you.", ro: "Primiți acest e-mail o dată pe zi, când ceva are nevoie de dumneavoastră." }
    // People and their data: consent, export, erasure, retention, the audit trail.
    PeopleTitle { en: "People and their data", ro: "Persoanele și datele lor" }
    PeopleIntro { en: "Record consents, give a person everything the programme holds about them, erase a person. Every export, erasure and consent is kept in the audit trail.", ro: "Înregistrați acorduri, oferiți unei persoane tot ce păstrează programul despre ea, ștergeți o persoană. Fiecare export, ștergere și acord rămâne în jurnalul de audit." }
    SearchPeopleLabel { en: "Name or email", ro: "Nume sau e-mail" }
    SearchButton { en: "Search", ro: "Caută" }
    NoPeopleFound { en: "Nobody matches.", ro: "Nu s-a găsit nimeni." }
    ColPlaces { en: "Roles", ro: "Roluri" }
    ErasedBadge { en: "Erased", ro: "Șters" }
    ErasedPerson { en: "Erased person", ro: "Persoană ștearsă" }
    CandidateMentorPlace { en: "Mentor candidate", ro: "Candidat mentor" }
    CandidateMenteePlace { en: "Mentee candidate", ro: "Candidat mentorat" }
    RetentionTitle { en: "How long personal data is kept", ro: "Cât timp se păstrează datele personale" }
    RetentionIntro { en: "This many months after a pair ended, its logs, goals, reports' texts and concerns are anonymised and its mentee is erased; the counts stay.", ro: "La atâtea luni după încheierea unei perechi, jurnalele, obiectivele, textele rapoartelor și îngrijorările sunt anonimizate, iar mentoratul este șters; cifrele rămân." }
    RetentionMonthsLabel { en: "Months after a pair ends", ro: "Luni după încheierea unei perechi" }
    RetentionSaved { en: "Saved.", ro: "Salvat." }
    AuditTrailLink { en: "Search the audit trail", ro: "Căutați în jurnalul de audit" }
    ConsentsTitle { en: "Consents", ro: "Acorduri" }
    NoConsents { en: "No consent recorded.", ro: "Niciun acord înregistrat." }
    ConsentPurposeLabel { en: "For what", ro: "Pentru ce" }
    ConsentChangeLabel { en: "Given or withdrawn", ro: "Dat sau retras" }
    PurposeProgramme { en: "Taking part in the programme (their data kept and used for it)", ro: "Participarea la program (datele păstrate și folosite pentru acesta)" }
    PurposeEmail { en: "Emails from Parent Bridge", ro: "E-mailuri de la Parent Bridge" }
    PurposeAnonymisedResults { en: "Their answers, without their name, in the programme report", ro: "Răspunsurile, fără nume, în raportul programului" }
    ConsentGivenBadge { en: "Given", ro: "Dat" }
    ConsentWithdrawn { en: "Withdrawn", ro: "Retras" }
    RecordedByThemselves { en: "by themselves, in the app", ro: "de persoana însăși, în aplicație" }
    RecordConsent { en: "Record a consent or a withdrawal", ro: "Înregistrați un acord sau o retragere" }
    ConsentSaved { en: "Recorded.", ro: "Înregistrat." }
    ExportTitle { en: "Everything about this person", ro: "Tot ce păstrăm despre această persoană" }
    ExportIntro { en: "What the programmes hold about them, to give them a copy: a readable page or a file. Each export is kept in the audit trail. Safeguarding concerns are not included: whether to share one is decided case by case.", ro: "Ce păstrează programele despre persoană, pentru a-i da o copie: o pagină sau un fișier. Fiecare export rămâne în jurnalul de audit. Îngrijorările privind siguranța nu sunt incluse: dacă se comunică se decide de la caz la caz." }
    DownloadJson { en: "Download (JSON)", ro: "Descărcați (JSON)" }
    ShowExport { en: "Show it here", ro: "Afișați aici" }
    ExportEmptySection { en: "None.", ro: "Nimic." }
    ExportedOn { en: "Exported on {date}", ro: "Exportat la {date}" }
    EraseTitle { en: "Erase this person", ro: "Ștergeți această persoană" }
    EraseIntro { en: "Their name, contact details, registration, and everything written by them or about them in their pairs is deleted or anonymised. Counts (pairs, meetings, hours, answers) stay, and the audit trail keeps that they were erased. They can no longer log in. This can not be undone.", ro: "Numele, datele de contact, înregistrarea și tot ce au scris sau s-a scris despre ei în perechile lor sunt șterse sau anonimizate. Cifrele (perechi, întâlniri, ore, răspunsuri) rămân, iar jurnalul de audit păstrează faptul că au fost șterși. Nu se mai pot autentifica. Operațiunea nu poate fi anulată." }
    EraseButton { en: "Erase…", ro: "Ștergeți…" }
    EraseConfirm { en: "Erase {name} for good? This can not be undone.", ro: "Ștergeți definitiv pe {name}? Operațiunea nu poate fi anulată." }
    ErasedNotice { en: "This person was erased.", ro: "Această persoană a fost ștearsă." }
    AuditTitle { en: "Audit trail", ro: "Jurnalul de audit" }
    AuditIntro { en: "Every login, refusal, read of confidential data, export, erasure and consent: who, what, when, from where. Nobody can change it from the app.", ro: "Fiecare autentificare, refuz, citire a datelor confidențiale, export, ștergere și acord: cine, ce, când, de unde. Nimeni nu îl poate modifica din aplicație." }
    AuditActionLabel { en: "What", ro: "Ce" }
    AuditObjectLabel { en: "About (an id)", ro: "Despre (un identificator)" }
    FromLabel { en: "From", ro: "De la" }
    ToLabel { en: "To", ro: "Până la" }
    AnyAction { en: "Anything", ro: "Orice" }
    NoAuditRecords { en: "Nothing found.", ro: "Nu s-a găsit nimic." }
    ColWhen { en: "When", ro: "Când" }
    ColWho { en: "Who", ro: "Cine" }
    ColAbout { en: "About", ro: "Despre" }
    ColFromWhere { en: "From where", ro: "De unde" }
    OlderRecords { en: "Older records", ro: "Înregistrări mai vechi" }
    UnknownAccount { en: "no known account", ro: "niciun cont cunoscut" }
    AuditLoggedIn { en: "Logged in", ro: "S-a autentificat" }
    AuditLoginFailed { en: "Login failed", ro: "Autentificare eșuată" }
    AuditDenied { en: "Refused", ro: "Refuzat" }
    AuditReadLogs { en: "Read a pair's meeting logs", ro: "A citit jurnalele unei perechi" }
    AuditReadReports { en: "Read a pair's reports", ro: "A citit rapoartele unei perechi" }
    AuditReadRegistration { en: "Read a registration", ro: "A citit o înregistrare" }
    AuditReadConcern { en: "Read a safeguarding concern", ro: "A citit o îngrijorare privind siguranța" }
    AuditReadScreening { en: "Read a screening", ro: "A citit o verificare" }
    AuditExported { en: "Exported a person's data", ro: "A exportat datele unei persoane" }
    AuditErased { en: "Erased a person", ro: "A șters o persoană" }
    AuditAnonymised { en: "Anonymised ended pairs", ro: "A anonimizat perechi încheiate" }
    AuditConsentRecorded { en: "Recorded a consent", ro: "A înregistrat un acord" }
    AuditConsentWithdrawn { en: "Recorded a withdrawal of consent", ro: "A înregistrat o retragere a acordului" }
    AuditSessionsEnded { en: "Signed a person out of their devices", ro: "A deconectat o persoană de pe dispozitivele sale" }
    AuditPasswordChanged { en: "Changed their password", ro: "Și-a schimbat parola" }
    AuditRoleGranted { en: "Got a role by an invitation", ro: "A primit un rol printr-o invitație" }
    AuditReadGoals { en: "Read a pair's goals", ro: "A citit obiectivele unei perechi" }
    AuditReadSupervision { en: "Read a programme's supervision", ro: "A citit supervizarea unui program" }
    AuditReadProgrammeReport { en: "Read a programme report", ro: "A citit un raport de program" }
    AuditReadPerson { en: "Read a person's page", ro: "A citit pagina unei persoane" }
    AuditSearchedAudit { en: "Searched the audit trail", ro: "A căutat în jurnalul de audit" }
    AuditRetentionChanged { en: "Changed a retention period", ro: "A schimbat o perioadă de păstrare" }
    AuditPublicImpactChanged { en: "Published or withdrew the public impact page", ro: "A publicat sau a retras pagina publică de impact" }
    AuditPasswordReset { en: "Set a new password with a reset link", ro: "A setat o parolă nouă cu un link de resetare" }
    AuditResetLinkMade { en: "Made a password reset link", ro: "A creat un link de resetare a parolei" }
    AuditEmailChanged { en: "Confirmed a new email address", ro: "A confirmat o adresă de e-mail nouă" }
    AuditInvitationWithdrawn { en: "Withdrew an invitation", ro: "A retras o invitație" }
    AuditRemovedFromProgramme { en: "Removed a person from a programme", ro: "A scos o persoană dintr-un program" }
    AuditSetUp { en: "Set up the organisation and its first coordinator", ro: "A configurat organizația și primul ei coordonator" }
    ChallengeForManagers { en: "A mentor's challenge (read by the programme's managers)", ro: "Provocarea unui mentor (citită de managerii programului)" }
    SectionAccount { en: "Account", ro: "Cont" }
    SectionRoles { en: "Roles", ro: "Roluri" }
    SectionRegistrations { en: "Registrations", ro: "Înregistrări" }
    SectionConsents { en: "Consents", ro: "Acorduri" }
    SectionTraining { en: "Training", ro: "Instruire" }
    SectionScreening { en: "Screening", ro: "Verificări" }
    SectionReferences { en: "References", ro: "Recomandări" }
    SectionPairs { en: "Pairs", ro: "Perechi" }
    SectionMeetingLogs { en: "Meeting logs", ro: "Jurnale de întâlnire" }
    SectionGoals { en: "Goals", ro: "Obiective" }
    SectionReports { en: "Reports", ro: "Rapoarte" }
    SectionCheckIns { en: "Check-in calls", ro: "Apeluri de verificare" }
    SectionNotifications { en: "Notifications", ro: "Notificări" }
    SectionActivity { en: "Activity (audit trail)", ro: "Activitate (jurnal de audit)" }
    AuditExportedReport { en: "Downloaded a programme report", ro: "A descărcat un raport de program" }

    ProgrammeReportLink { en: "Programme report", ro: "Raportul programului" }
    ReportTitle { en: "Programme report: {name}", ro: "Raportul programului: {name}" }
    ReportIntro { en: "Every number, table and chart here comes from the programme's data. You write only the narrative sections; each is saved when you press Save.", ro: "Fiecare număr, tabel și grafic de aici provine din datele programului. Scrieți doar secțiunile narative; fiecare se salvează când apăsați Salvează." }
    ReportPeriod { en: "Period of the report", ro: "Perioada raportului" }
    ReportFromLabel { en: "From", ro: "De la" }
    ReportToLabel { en: "To", ro: "Până la" }
    ReportShow { en: "Show the report", ro: "Arată raportul" }
    ReportRange { en: "From {from} to {to}", ro: "De la {from} până la {to}" }
    ReportDownloadCsv { en: "Download the data (CSV)", ro: "Descarcă datele (CSV)" }
    ReportDownloadXlsx { en: "Download the tables (Excel, XLSX)", ro: "Descarcă tabelele (Excel, XLSX)" }
    ReportDownloadPdf { en: "Download the report (PDF)", ro: "Descarcă raportul (PDF)" }
    ReportDownloadDocx { en: "Download the report (Word, DOCX)", ro: "Descarcă raportul (Word, DOCX)" }
    ReportPrint { en: "Print", ro: "Tipărește" }
    ReportQuotesNote { en: "Answers are quoted as written, never with the name of who wrote them. Only those marked publishable appear in the PDF and Word report.", ro: "Răspunsurile sunt citate așa cum au fost scrise, niciodată cu numele celui care le-a scris. Doar cele marcate ca publicabile apar în raportul PDF și Word." }
    QuotePublishable { en: "Publishable", ro: "Publicabil" }
    CompareTitle { en: "Compare programmes", ro: "Compară programele" }
    CompareIntro { en: "The organisation's programmes side by side, each over its whole time so far.", ro: "Programele organizației alăturate, fiecare pe toată durata de până acum." }
    CompareYear { en: "Year it started", ro: "Anul în care a început" }
    CompareAll { en: "All", ro: "Toate" }
    CompareShow { en: "Show", ro: "Arată" }
    CompareNone { en: "No programme matches these filters.", ro: "Niciun program nu corespunde acestor filtre." }
    CompareFigure { en: "Figure", ro: "Indicator" }
    CompareCompletion { en: "Completed (share of confirmed pairs)", ro: "Finalizate (din perechile confirmate)" }
    CompareMeetingsPerPair { en: "Meetings per pair", ro: "Întâlniri pe pereche" }
    PublicTitle { en: "{name}: the results of our parent-to-parent mentoring", ro: "{name}: rezultatele mentoratului nostru între părinți" }
    PublicIntro { en: "Parents who know school life mentor parents who do not, so that their children do better at school. These are the results of all our programmes so far.", ro: "Părinți care cunosc viața școlii îi sprijină pe părinții care nu o cunosc, pentru ca și copiii lor să aibă rezultate mai bune la școală. Acestea sunt rezultatele tuturor programelor noastre de până acum." }
    PublicProgrammes { en: "Programmes", ro: "Programe" }
    PublicFewerThan { en: "fewer than {n}", ro: "mai puțin de {n}" }
    PublicTooFewAnswers { en: "not shown (fewer than {n} agree, or fewer than {n} do not)", ro: "nu se arată (mai puțin de {n} sunt de acord sau mai puțin de {n} nu sunt)" }
    PublicQuotes { en: "In their own words", ro: "În cuvintele lor" }
    PublicPrivacy { en: "Only totals are shown: no name, no count below 5, and only the answers the participants' organisation chose to publish.", ro: "Se arată doar totaluri: niciun nume, niciun număr sub 5 și doar răspunsurile pe care organizația participanților a ales să le publice." }
    PublicPageToggle { en: "Publish the results of {name} on a public page", ro: "Publică rezultatele {name} pe o pagină publică" }
    PublicPageOpen { en: "Open the public page", ro: "Deschide pagina publică" }
    CompareAgreeNote { en: "The seven statements: share who agree in the final reports (mentors and mentees together).", ro: "Cele șapte afirmații: ponderea celor de acord în rapoartele finale (mentori și mentorați împreună)." }
    ReportWhatCounts { en: "Recruitment and profiles count everyone registered by the end date; pairs, those whose time overlaps the period; reports and meetings, those dated within it (withdrawn logs left out).", ro: "Recrutarea și profilurile numără pe toți cei înregistrați până la data de sfârșit; perechile, pe cele a căror durată se suprapune cu perioada; rapoartele și întâlnirile, pe cele datate în perioadă (fără jurnalele retrase)." }

    NarrativeIntroduction { en: "Introduction of the organisation", ro: "Prezentarea organizației" }
    NarrativeContext { en: "1.1 Context of participants", ro: "1.1 Contextul participanților" }
    NarrativeResultsSummary { en: "2.4 Results summary", ro: "2.4 Rezumatul rezultatelor" }
    NarrativeChallenges { en: "3. Challenges", ro: "3. Provocări" }
    NarrativeFinalRemarks { en: "Final remarks", ro: "Observații finale" }
    NarrativeLabel { en: "Text of the section", ro: "Textul secțiunii" }
    NarrativeSave { en: "Save", ro: "Salvează" }
    NarrativeSaving { en: "Saving…", ro: "Se salvează…" }
    NarrativeSaved { en: "Saved.", ro: "Salvat." }
    NarrativeNotWritten { en: "Not written yet.", ro: "Nescris încă." }

    ChapterOrganisation { en: "1. Organisation and structure", ro: "1. Organizare și structură" }
    ChapterResults { en: "2. Results and evaluation", ro: "2. Rezultate și evaluare" }
    ChapterChallenges { en: "3. Challenges and final remarks", ro: "3. Provocări și observații finale" }
    SectionRecruitment { en: "1.2 Organisation: how each recruitment stage went", ro: "1.2 Organizare: cum a decurs fiecare etapă a recrutării" }
    RecruitmentOf { en: "Recruitment of {who}", ro: "Recrutarea: {who}" }
    WhoMentors { en: "Mentors", ro: "Mentori" }
    WhoMentees { en: "Mentees", ro: "Mentorați" }
    ColStage { en: "Stage", ro: "Etapa" }
    ColEntered { en: "Reached it", ro: "Au ajuns" }
    ColWentOn { en: "Went on", ro: "Au continuat" }
    ColDroppedOut { en: "Dropped out", ro: "Au renunțat" }
    ColWhy { en: "Why", ro: "De ce" }
    AcceptedCount { en: "Accepted in the end: {n}", ro: "Acceptați în final: {n}" }
    SectionProfile { en: "1.3 Profile of participants", ro: "1.3 Profilul participanților" }
    ProfileOf { en: "{who}: {n} people", ro: "{who}: {n} persoane" }
    ProfileSection { en: "Profile of participants: {who}", ro: "Profilul participanților: {who}" }
    ProfileNoCoordinators { en: "The profile of coordinators and mentor managers is not recorded in Parent Bridge.", ro: "Profilul coordonatorilor și al managerilor de mentori nu este înregistrat în Parent Bridge." }
    ColValue { en: "Value", ro: "Valoare" }
    ColSection { en: "Section", ro: "Secțiune" }
    ColItem { en: "Item", ro: "Element" }
    ColColumn { en: "Column", ro: "Coloană" }
    ColPeople { en: "People", ro: "Persoane" }
    NotRecorded { en: "Not recorded", ro: "Neînregistrat" }
    AgeBandLabel { en: "Age", ro: "Vârsta" }
    AgeUnder25 { en: "Under 25", ro: "Sub 25" }
    Age25To34 { en: "25 to 34", ro: "25–34" }
    Age35To44 { en: "35 to 44", ro: "35–44" }
    Age45To54 { en: "45 to 54", ro: "45–54" }
    Age55Plus { en: "55 and over", ro: "55 și peste" }
    SectionStructure { en: "1.4 Structure", ro: "1.4 Structură" }
    Table1Title { en: "Table 1: pilot action configuration", ro: "Tabelul 1: configurația acțiunii pilot" }
    T1Format { en: "Format of the pilot", ro: "Formatul pilotului" }
    T1Typology { en: "Format of the pilot (peer or non-peer mentoring)", ro: "Formatul pilotului (mentorat între egali sau nu)" }
    T1Duration { en: "Duration of the pilot", ro: "Durata pilotului" }
    T1Months { en: "{n} months", ro: "{n} luni" }
    T1Managers { en: "Total nr. of mentor's coordinators / who completed the pilot", ro: "Nr. total de coordonatori ai mentorilor / care au finalizat pilotul" }
    T1Mentors { en: "Total nr. of mentors / who completed the pilot", ro: "Nr. total de mentori / care au finalizat pilotul" }
    T1Mentees { en: "Total nr. of mentees / who completed the pilot", ro: "Nr. total de mentorați / care au finalizat pilotul" }
    T1Processes { en: "Total nr. of mentoring processes", ro: "Nr. total de procese de mentorat" }
    SectionMatching { en: "The matching process, registrations and dropouts", ro: "Procesul de potrivire, înscrieri și abandonuri" }
    PairsMatched { en: "Pairs matched", ro: "Perechi formate" }
    PairsConfirmed { en: "Confirmed after getting to know each other", ro: "Confirmate după perioada de cunoaștere" }
    WhyPairsEnded { en: "Why pairs ended early", ro: "De ce s-au încheiat perechile mai devreme" }
    SectionChange { en: "2.1.1 Changes in parent-school collaboration", ro: "2.1.1 Schimbări în colaborarea părinte-școală" }
    SectionMentorRole { en: "2.1.2 The role of the mentor", ro: "2.1.2 Rolul mentorului" }
    SectionStatements { en: "2.1.3 The role of the mentoring process", ro: "2.1.3 Rolul procesului de mentorat" }
    SectionCompetences { en: "2.2 Progress of competences", ro: "2.2 Progresul competențelor" }
    SectionCompetencesMentee { en: "2.2.1 The mentee's perception", ro: "2.2.1 Percepția mentoratului" }
    SectionCompetencesMentor { en: "2.2.2 The mentor's perception", ro: "2.2.2 Percepția mentorului" }
    SectionSatisfaction { en: "2.3 Satisfaction", ro: "2.3 Satisfacție" }
    SectionMeetingsHeld { en: "Meetings", ro: "Întâlniri" }
    SectionSchoolPlan { en: "The school engagement plan", ro: "Planul de implicare a școlii" }
    ColReportAndSide { en: "Report, answered by", ro: "Raport, completat de" }
    ColReportCount { en: "Reports", ro: "Rapoarte" }
    ColStatement { en: "Statement", ro: "Afirmația" }
    ColYesShare { en: "Said yes", ro: "Au spus da" }
    ColAnswers { en: "Answers", ro: "Răspunsuri" }
    MidtermByMentors { en: "Mid-term, mentors", ro: "Intermediar, mentori" }
    MidtermByMentees { en: "Mid-term, mentees", ro: "Intermediar, mentorați" }
    FinalByMentors { en: "Final, mentors", ro: "Final, mentori" }
    FinalByMentees { en: "Final, mentees", ro: "Final, mentorați" }
    QuotesSaidYes { en: "Why yes, in their words", ro: "De ce da, în cuvintele lor" }
    QuotesSaidNo { en: "Why no, in their words", ro: "De ce nu, în cuvintele lor" }
    QuotesInWhatWay { en: "In what way, in their words", ro: "În ce fel, în cuvintele lor" }
    NoAnswersYet { en: "No answers in this period.", ro: "Niciun răspuns în această perioadă." }
    ColMonth { en: "Month", ro: "Luna" }
    ColFormOfMeeting { en: "Form of meeting", ro: "Forma întâlnirii" }
    MeetingsTotal { en: "{n} meetings, {hours} hours in all", ro: "{n} întâlniri, {hours} ore în total" }
    ColMeasureState { en: "Measures", ro: "Măsuri" }
    ChartRecruitment { en: "{who}: how many reached each recruitment stage", ro: "{who}: câți au ajuns la fiecare etapă a recrutării" }
    ChartGender { en: "Gender of mentors and mentees", ro: "Genul mentorilor și al mentoraților" }
    ChartAge { en: "Age of mentors and mentees", ro: "Vârsta mentorilor și a mentoraților" }
    ChartEmployment { en: "Employment status of mentors and mentees", ro: "Situația profesională a mentorilor și a mentoraților" }
    ChartStatements { en: "The seven statements: share who agree", ro: "Cele șapte afirmații: ponderea celor care sunt de acord" }
    ChartCompetences { en: "Statements of the final report: share who said yes", ro: "Afirmațiile raportului final: ponderea celor care au spus da" }
    ChartMeetings { en: "Meetings per month", ro: "Întâlniri pe lună" }
    ChartDataNote { en: "The table below gives the same numbers.", ro: "Tabelul de mai jos conține aceleași numere." }
    AuditChangedRecord { en: "Corrected an office record", ro: "A corectat o înregistrare a biroului" }
    AuditRemovedRecord { en: "Removed an office record", ro: "A eliminat o înregistrare a biroului" }
    ProblemHasDiscussedItems { en: "A challenge on this meeting's agenda was discussed and its mentor told the outcome: the meeting can not be removed. Correct it instead.", ro: "O provocare de pe agenda acestei întâlniri a fost discutată, iar mentorul a aflat rezultatul: întâlnirea nu poate fi eliminată. Corectați-o în schimb." }
    ProblemNothingChanged { en: "Nothing differs from what is recorded now.", ro: "Nimic nu diferă de ce este înregistrat acum." }
    Removed { en: "Removed.", ro: "Eliminat." }
    ConfirmRemoveTraining { en: "Remove this training session and who attended it? This cannot be undone.", ro: "Eliminați această sesiune de formare și prezența la ea? Acțiunea nu poate fi anulată." }
    ConfirmRemoveCheckIn { en: "Remove this check-in? This cannot be undone.", ro: "Eliminați această discuție de verificare? Acțiunea nu poate fi anulată." }
    ConfirmRemoveGroupMeeting { en: "Remove this group meeting, its attendees and its agenda? Its challenges go back to the proposed list. This cannot be undone.", ro: "Eliminați această întâlnire de grup, participanții și agenda ei? Provocările ei revin în lista propusă. Acțiunea nu poate fi anulată." }
    ConfirmRemoveMeasure { en: "Remove this line of the plan? The measure goes back to not decided.", ro: "Eliminați acest rând al planului? Măsura revine la nedecisă." }
    EditTraining { en: "Correct the training session", ro: "Corectați sesiunea de formare" }
    EditCheckIn { en: "Correct the check-in", ro: "Corectați discuția de verificare" }
    EditGroupMeeting { en: "Correct the group meeting", ro: "Corectați întâlnirea de grup" }
    ChangePair { en: "Change manager or planned end", ro: "Schimbați managerul sau încheierea planificată" }
    PairManagerLabel { en: "Mentor manager of the pair", ro: "Managerul de mentori al perechii" }
    PlannedEndLabel { en: "Planned end", ro: "Încheiere planificată" }
    ChangeReasonLabel { en: "Why it changes", ro: "De ce se schimbă" }
    PairChanged { en: "The pair was changed.", ro: "Perechea a fost modificată." }
    PairChangesTitle { en: "Changes", ro: "Modificări" }
    PaperTitle { en: "Blank tools to print", ro: "Instrumente necompletate de tipărit" }
    PaperIntro { en: "For a school with no network or a person with no phone: print a blank tool, have it filled in by hand, then type the answers in. The questions are the app's own, in the language you read it in.", ro: "Pentru o școală fără rețea sau o persoană fără telefon: tipăriți un instrument necompletat, completați-l de mână, apoi introduceți răspunsurile. Întrebările sunt chiar cele din aplicație, în limba în care o citiți." }
    PaperLink { en: "Blank tools to print", ro: "Instrumente de tipărit" }
    PaperTool1 { en: "Tool 1: Registration form", ro: "Instrumentul 1: Formular de înscriere" }
    PaperTool2 { en: "Tool 2: Mentoring meeting log", ro: "Instrumentul 2: Jurnalul întâlnirii de mentorat" }
    PaperTool3 { en: "Tool 3: Mentoring mid-term report", ro: "Instrumentul 3: Raportul intermediar de mentorat" }
    PaperTool4 { en: "Tool 4: Mentoring final report", ro: "Instrumentul 4: Raportul final de mentorat" }
    PaperForMentee { en: "for a mentee", ro: "pentru un mentorat" }
    PaperForMentor { en: "for a mentor", ro: "pentru un mentor" }
    PaperProgramme { en: "Programme", ro: "Programul" }
    PaperSignature { en: "Signature (consent to keep these details)", ro: "Semnătura (acord pentru păstrarea acestor date)" }
    PaperConsentNote { en: "Each person signs to agree that the programme keeps these details; the manager records the consent, with the paper's date, when typing the row in.", ro: "Fiecare persoană semnează pentru a fi de acord ca programul să păstreze aceste date; managerul înregistrează acordul, cu data hârtiei, când introduce rândul." }
    PaperIAmA { en: "I am a:", ro: "Sunt:" }
    AskToEndTitle { en: "I want to end the mentoring", ro: "Vreau să închei mentoratul" }
    AskToEndIntro { en: "Your mentor manager is told and will talk with you. You do not have to say why.", ro: "Managerul de mentori este anunțat și va vorbi cu dumneavoastră. Nu trebuie să spuneți de ce." }
    AskToEndReasonLabel { en: "Why (if you wish)", ro: "De ce (dacă doriți)" }
    AskToEndSend { en: "Tell my manager", ro: "Anunță managerul" }
    ConfirmAskToEnd { en: "Tell your mentor manager that you want to end the mentoring?", ro: "Îi spuneți managerului de mentori că doriți să încheiați mentoratul?" }
    EndAskedState { en: "You asked to end the mentoring on {date}. Your mentor manager will contact you.", ro: "Ați cerut încheierea mentoratului la {date}. Managerul de mentori vă va contacta." }
    TypeInPaper { en: "Type in a paper answer", ro: "Introduceți un răspuns de pe hârtie" }
    OnPaperBy { en: "On paper, typed in by {name}", ro: "Pe hârtie, introdus de {name}" }
    PaperReportTitle { en: "A report answered on paper", ro: "Un raport completat pe hârtie" }
    PaperReportIntro { en: "Type the answers in as they were given on paper. The date is the paper's. It is saved once, marked as answered on paper and typed in by you.", ro: "Introduceți răspunsurile așa cum au fost date pe hârtie. Data este cea de pe hârtie. Se salvează o singură dată, marcat ca fiind completat pe hârtie și introdus de dumneavoastră." }
    PaperDateLabel { en: "Date on the paper", ro: "Data de pe hârtie" }
    PaperAlreadyAnswered { en: "This report is answered already.", ro: "Acest raport are deja un răspuns." }
    SavePaperReport { en: "Save the paper answer", ro: "Salvează răspunsul de pe hârtie" }
    BackToReports { en: "Back to the reports", ro: "Înapoi la rapoarte" }
    StartsAtLabel { en: "Starts at", ro: "Începe la" }
    LengthLabel { en: "Length (minutes)", ro: "Durata (minute)" }
    PlaceLabel { en: "Place", ro: "Locul" }
    ProblemNotATime { en: "This is not a time of day: write it as 17:30.", ro: "Aceasta nu este o oră: scrieți-o ca 17:30." }
    AddToCalendar { en: "Add to my calendar (.ics)", ro: "Adaugă în calendarul meu (.ics)" }
    CalendarTraining { en: "Mentor training: {topic}", ro: "Formarea mentorilor: {topic}" }
    CalendarGroupMeeting { en: "Group meeting of the mentors", ro: "Întâlnirea de grup a mentorilor" }
    EndAskedByMentee { en: "The mentee asked to end the mentoring on {date}", ro: "Mentoratul a cerut încheierea mentoratului la {date}" }
    PairChangeManager { en: "manager {from} → {to}", ro: "managerul {from} → {to}" }
    PairChangeEnd { en: "planned end {from} → {to}", ro: "încheiere planificată {from} → {to}" }
    PairChangeBy { en: "{date}, {name}: {what}. Why: {reason}", ro: "{date}, {name}: {what}. Motivul: {reason}" }
    ManagedBy { en: "manager {name}", ro: "managerul {name}" }
}
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
            let (part, index) = self.place();
            tables::text(lang, part, index)
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

/// One part of one language's texts as JSON, in the order of the part's
/// messages: what the browser fetches to show that language.
#[cfg(feature = "ssr")]
pub fn table_json(lang: Lang, part: Part) -> String {
    let texts: Vec<&str> = part.messages().iter().map(|m| m.text(lang)).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".to_string())
}

/// Where the browser fetches `lang`'s `part` of the texts: the name carries
/// a hash of the texts, so a changed table has a new address (cached for
/// good otherwise).
#[cfg(feature = "ssr")]
pub fn table_url(lang: Lang, part: Part) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::OnceLock;
    static URLS: OnceLock<Vec<(Lang, Part, String)>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        Lang::ALL
            .iter()
            .flat_map(|l| Part::ALL.map(|p| (*l, p)))
            .map(|(l, p)| {
                let hash = Sha256::digest(table_json(l, p).as_bytes());
                let name = format!("{}.{}.{}", l.code(), p.key(), hex::encode(&hash[..6]));
                (l, p, format!("/i18n/{name}.json"))
            })
            .collect()
    });
    urls.iter()
        .find(|(l, p, _)| *l == lang && *p == part)
        .map(|(_, _, url)| url.clone())
        .unwrap_or_default()
}

/// The string tables the browser has fetched, kept for the whole visit.
#[cfg(not(feature = "ssr"))]
pub mod tables {
    use super::{Lang, Part};
    use std::sync::Mutex;
    use wasm_bindgen::JsCast;

    type Table = (Lang, Part, &'static [&'static str]);
    static TABLES: Mutex<Vec<Table>> = Mutex::new(Vec::new());
    /// Where each language's parts are, as the page said.
    static ADDRESSES: Mutex<Vec<(Lang, Part, String)>> = Mutex::new(Vec::new());

    /// Keeps where each table can be fetched (the page names them).
    pub fn know_addresses(addresses: Vec<(Lang, Part, String)>) {
        *ADDRESSES.lock().unwrap_or_else(|e| e.into_inner()) = addresses;
    }

    fn address(lang: Lang, part: Part) -> Option<String> {
        ADDRESSES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(l, p, _)| *l == lang && *p == part)
            .map(|(_, _, url)| url.clone())
    }

    /// The text at `index` in `lang`'s `part`; empty until it is loaded.
    pub fn text(lang: Lang, part: Part, index: usize) -> &'static str {
        let tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables
            .iter()
            .find(|(l, p, _)| *l == lang && *p == part)
            .or_else(|| tables.iter().find(|(_, p, _)| *p == part))
            .and_then(|(_, _, table)| table.get(index).copied())
            .unwrap_or("")
    }

    pub fn has(lang: Lang, part: Part) -> bool {
        let tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables.iter().any(|(l, p, _)| *l == lang && *p == part)
    }

    /// Keeps a table parsed from its JSON. The strings live as long as the
    /// app (each table is kept once).
    pub fn insert(lang: Lang, part: Part, json: &str) -> bool {
        let Ok(texts) = serde_json::from_str::<Vec<String>>(json) else {
            return false;
        };
        if texts.len() != part.messages().len() || has(lang, part) {
            return has(lang, part);
        }
        let leaked: Vec<&'static str> = texts
            .into_iter()
            .map(|t| &*Box::leak(t.into_boxed_str()))
            .collect();
        let mut tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
        tables.push((lang, part, Box::leak(leaked.into_boxed_slice())));
        true
    }

    /// Fetches `lang`'s `part` (the service worker has every table offline).
    /// True once it is there.
    pub async fn fetch(lang: Lang, part: Part) -> bool {
        if has(lang, part) {
            return true;
        }
        // The page started fetching the texts it needs with the app.
        if let Some(json) = started_fetch(lang, part).await {
            if insert(lang, part, &json) {
                return true;
            }
        }
        let Some(url) = address(lang, part) else {
            return false;
        };
        // Twice: a dropped request on a patchy connection is worth one more.
        for _ in 0..2 {
            if let Some(json) = fetch_text(&url).await {
                if insert(lang, part, &json) {
                    return true;
                }
            }
        }
        false
    }

    /// The texts the page's start script fetched (`window.__pbTexts` is
    /// `[core, office]`), if `lang` is the page's language.
    async fn started_fetch(lang: Lang, part: Part) -> Option<String> {
        use wasm_bindgen_futures::JsFuture;
        let html = web_sys::window()?.document()?.document_element()?;
        if Lang::from_code(&html.get_attribute("lang")?) != Some(lang) {
            return None;
        }
        let window: wasm_bindgen::JsValue = web_sys::window()?.into();
        let started = js_sys::Reflect::get(&window, &"__pbTexts".into()).ok()?;
        let index = match part {
            Part::Core => 0,
            Part::Office => 1,
        };
        let promise = js_sys::Reflect::get_u32(&started, index).ok()?;
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
        Field::Name => Msg::NameLabel,
        Field::Typology => Msg::TypologyLabel,
        Field::ProgrammeFormat => Msg::ProgrammeFormatLabel,
        Field::DurationMonths => Msg::DurationMonthsLabel,
        Field::Meetings => Msg::MeetingsLabel,
        Field::MaxMentees => Msg::MaxMenteesLabel,
        Field::ChildAgeLimit => Msg::ChildAgeLimitLabel,
        Field::StartsOn => Msg::StartsOnLabel,
        Field::Country => Msg::CountryLabel,
        Field::Language => Msg::ProgrammeLanguageLabel,
        Field::MeasureState => Msg::MeasureStateLabel,
        Field::Reason => Msg::ReasonLabel,
        Field::Owner => Msg::OwnerLabel,
        Field::DueOn => Msg::DueOnLabel,
        Field::Email => Msg::EmailLabel,
        Field::Password => Msg::PasswordLabel,
        Field::CurrentPassword => Msg::CurrentPasswordLabel,
        Field::NewPassword => Msg::NewPasswordLabel,
        Field::PasswordAgain => Msg::PasswordAgainLabel,
        Field::SetupCode => Msg::SetupCodeLabel,
        Field::LoginCode => Msg::LoginCodeLabel,
        Field::Digest => Msg::DigestLabel,
        Field::Organisation => Msg::SetupOrganisationLabel,
        Field::Programme => Msg::SetupProgrammeLabel,
        Field::PrivacyNotice => Msg::PrivacyNoticeLabel,
        Field::Gender => Msg::GenderLabel,
        Field::Age => Msg::AgeLabel,
        Field::RoleWithChild => Msg::RoleWithChildLabel,
        Field::ChildAge => Msg::ChildAgeLabel,
        Field::Background => Msg::BackgroundLabel,
        Field::Employment => Msg::EmploymentLabel,
        Field::Languages => Msg::LanguagesLabel,
        Field::Area => Msg::AreaLabel,
        Field::Availability => Msg::AvailabilityLabel,
        Field::School => Msg::SchoolLabel,
        Field::ClassName => Msg::ClassLabel,
        Field::HeardFrom => Msg::HeardFromLabel,
        Field::Phone => Msg::PhoneLabel,
        Field::ContactWay => Msg::ContactWayLabel,
        Field::IsParent => Msg::IsParentLabel,
        Field::Consent => Msg::ConsentLabel,
        Field::ConsentOn => Msg::ConsentOnLabel,
        Field::ConsentHow => Msg::ConsentHowLabel,
        Field::Stage => Msg::StageLabel,
        Field::Kind => Msg::KindLabel,
        Field::HeldOn => Msg::HeldOnLabel,
        Field::TrainingFormat => Msg::TrainingFormatLabel,
        Field::Topic => Msg::TopicLabel,
        Field::Item => Msg::ItemsTitle,
        Field::Score => Msg::SelfAssessmentTitle,
        Field::Mentor => Msg::MentorLabel,
        Field::Mentee => Msg::MenteeLabel,
        Field::Rank => Msg::PreferenceMatching,
        Field::GoOn => Msg::GoOnTitle,
        Field::Outcome => Msg::OutcomeLabel,
        Field::DropReason => Msg::PairDropReasonLabel,
        Field::EndedOn => Msg::EndedOnLabel,
        Field::Continues => Msg::ContinuesLabel,
        Field::Goal => Msg::GoalLabel,
        Field::What => Msg::GoalWhatLabel,
        Field::Why => Msg::GoalWhyLabel,
        Field::FirstSteps => Msg::FirstStepsLabel,
        Field::TargetDate => Msg::TargetDateLabel,
        Field::WithdrawnReason => Msg::WithdrawReasonLabel,
        Field::Goals => Msg::GoalsWorkedOn,
        Field::CheckKind => Msg::CheckKindLabel,
        Field::CheckLabel => Msg::CheckLabelLabel,
        Field::ValidityMonths => Msg::ValidityMonthsLabel,
        Field::CheckState => Msg::CheckStateLabel,
        Field::Note => Msg::CheckNoteLabel,
        Field::ReferenceNumber => Msg::ReferenceNumberLabel,
        Field::WaivedReason => Msg::WaivedReasonLabel,
        Field::RefereeName => Msg::RefereeNameLabel,
        Field::RefereeContact => Msg::RefereeContactLabel,
        Field::AskedOn => Msg::AskedOnLabel,
        Field::RefereeAnswer => Msg::RefereeAnswerLabel,
        Field::Notes => Msg::NotesLabel,
        Field::FollowUp => Msg::FollowUpLabel,
        Field::Attendees => Msg::AttendeesLabel,
        Field::Concern => Msg::RaiseConcernTitle,
        Field::ConcernAbout => Msg::ConcernAboutLabel,
        Field::Happened => Msg::ConcernHappenedLabel,
        Field::DoneStraightAway => Msg::ConcernDoneLabel,
        Field::ActionKind => Msg::ActionKindLabel,
        Field::Details => Msg::ActionDetailsLabel,
        Field::TakenOn => Msg::TakenOnLabel,
        Field::QuietDays => Msg::QuietDaysLabel,
        Field::Purpose => Msg::ConsentPurposeLabel,
        Field::ConsentChange => Msg::ConsentChangeLabel,
        Field::RetentionMonths => Msg::RetentionMonthsLabel,
        Field::Action => Msg::AuditActionLabel,
        Field::From => Msg::FromLabel,
        Field::To => Msg::ToLabel,
        Field::Narrative => Msg::NarrativeLabel,
        Field::Words => Msg::LogWordsLabel,
        Field::After => Msg::SearchPageLabel,
        Field::Manager => Msg::PairManagerLabel,
        Field::PlannedEnd => Msg::PlannedEndLabel,
        Field::StartsAt => Msg::StartsAtLabel,
        Field::Length => Msg::LengthLabel,
        Field::Place => Msg::PlaceLabel,
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
        Problem::OutOfRange => Msg::ProblemOutOfRange,
        Problem::EndBeforeStart => Msg::ProblemEndBeforeStart,
        Problem::NotAPhone => Msg::ProblemNotAPhone,
        Problem::NotAnEmail => Msg::ProblemNotAnEmail,
        Problem::PasswordTooShort => Msg::ProblemPasswordTooShort,
        Problem::PasswordTooLong => Msg::ProblemPasswordTooLong,
        Problem::WrongPassword => Msg::ProblemWrongPassword,
        Problem::BreachedPassword => Msg::ProblemBreachedPassword,
        Problem::PasswordMismatch => Msg::ProblemPasswordMismatch,
        Problem::MustAccept => Msg::ProblemMustAccept,
        Problem::ProfileWithoutConsent => Msg::ProblemProfileWithoutConsent,
        Problem::NotYet => Msg::ProblemNotYet,
        Problem::StageNotAllowed => Msg::ProblemStageNotAllowed,
        Problem::NotAcceptedCandidate => Msg::ProblemNotAcceptedCandidate,
        Problem::MentorFull => Msg::ProblemMentorFull,
        Problem::AlreadyMatched => Msg::ProblemAlreadyMatched,
        Problem::DuplicateRank => Msg::ProblemDuplicateRank,
        Problem::TypologyMismatch => Msg::ProblemTypologyMismatch,
        Problem::AlreadyUsed => Msg::ProblemAlreadyUsed,
        Problem::HasAccount => Msg::ProblemHasAccount,
        Problem::NoLogin => Msg::ProblemNoLogin,
        Problem::MailOff => Msg::ProblemMailOff,
        Problem::WrongSetupCode => Msg::ProblemWrongSetupCode,
        Problem::WrongCode => Msg::ProblemWrongCode,
        Problem::TwoStepRequired => Msg::ProblemTwoStepRequired,
        Problem::TwoStepFirst => Msg::ProblemTwoStepFirst,
        Problem::NotBothYes => Msg::ProblemNotBothYes,
        Problem::NotGettingToKnow => Msg::ProblemNotGettingToKnow,
        Problem::UnknownGoal => Msg::ProblemUnknownGoal,
        Problem::DuplicateGoal => Msg::ProblemDuplicateGoal,
        Problem::MissingRevision => Msg::ProblemMissingRevision,
        Problem::Withdrawn => Msg::ProblemWithdrawn,
        Problem::ScreeningIncomplete => Msg::ProblemScreeningIncomplete,
        Problem::HasDiscussedItems => Msg::ProblemHasDiscussedItems,
        Problem::NothingChanged => Msg::ProblemNothingChanged,
        Problem::NotATime => Msg::ProblemNotATime,
    }
}

/// The label of each value of a closed set shown in the office's forms.
pub mod labels {
    use super::Msg;
    use crate::model::*;

    pub fn report_kind(k: ReportKind) -> Msg {
        match k {
            ReportKind::Midterm => Msg::MidtermReport,
            ReportKind::Final => Msg::FinalReport,
        }
    }

    pub fn respondent(r: Respondent) -> Msg {
        match r {
            Respondent::Mentor => Msg::MentorLabel,
            Respondent::Mentee => Msg::MenteeLabel,
        }
    }

    pub fn pair_status(s: PairStatus) -> Msg {
        match s {
            PairStatus::GettingToKnow => Msg::PairGettingToKnowBadge,
            PairStatus::Active => Msg::PairActiveBadge,
            PairStatus::Ended => Msg::PairEndedBadge,
        }
    }

    pub fn alert_kind(k: AlertKind) -> Msg {
        match k {
            AlertKind::Concern => Msg::AlertKindConcern,
            AlertKind::ReportOverdue => Msg::AlertKindReportOverdue,
            AlertKind::NoMeeting => Msg::AlertKindNoMeeting,
            AlertKind::NotConfirmed => Msg::AlertKindNotConfirmed,
            AlertKind::PastPlannedEnd => Msg::AlertKindPastEnd,
            AlertKind::EndAsked => Msg::AlertKindEndAsked,
            AlertKind::ChallengeOpen => Msg::AlertKindChallenges,
        }
    }

    pub fn concern_action(k: ConcernActionKind) -> Msg {
        match k {
            ConcernActionKind::ChildProtection => Msg::ActionChildProtection,
            ConcernActionKind::Police => Msg::ActionPolice,
            ConcernActionKind::SchoolLead => Msg::ActionSchoolLead,
            ConcernActionKind::HealthServices => Msg::ActionHealth,
            ConcernActionKind::TalkedWithMentor => Msg::ActionTalkedWithMentor,
            ConcernActionKind::Other => Msg::ActionOther,
        }
    }

    pub fn check_kind(k: CheckKind) -> Msg {
        match k {
            CheckKind::Interview => Msg::CheckInterview,
            CheckKind::References => Msg::CheckReferences,
            CheckKind::BackgroundCheck => Msg::CheckBackground,
            CheckKind::Confidentiality => Msg::CheckConfidentiality,
            CheckKind::CodeOfConduct => Msg::CheckCodeOfConduct,
            CheckKind::Training => Msg::CheckTraining,
            CheckKind::Other => Msg::CheckOther,
        }
    }

    pub fn check_state(s: CheckState) -> Msg {
        match s {
            CheckState::NotStarted => Msg::CheckNotStarted,
            CheckState::Requested => Msg::CheckRequested,
            CheckState::Passed => Msg::CheckPassed,
            CheckState::Failed => Msg::CheckFailed,
            CheckState::Waived => Msg::CheckWaived,
        }
    }

    pub fn end_kind(k: EndKind) -> Msg {
        match k {
            EndKind::Completed => Msg::EndCompleted,
            EndKind::DroppedOut => Msg::EndDroppedOut,
            EndKind::NotConfirmed => Msg::EndNotConfirmed,
        }
    }

    pub fn drop_reason(r: DropReason) -> Msg {
        match r {
            DropReason::MenteeWithdrew => Msg::DropMenteeWithdrew,
            DropReason::MentorWithdrew => Msg::DropMentorWithdrew,
            DropReason::Moved => Msg::DropMoved,
            DropReason::LostContact => Msg::DropLostContact,
            DropReason::ChildLeftSchool => Msg::DropChildLeftSchool,
            DropReason::NotAGoodMatch => Msg::DropNotAGoodMatch,
            DropReason::Other => Msg::DropOther,
        }
    }

    pub fn typology(t: Typology) -> Msg {
        match t {
            Typology::Peer => Msg::TypologyPeer,
            Typology::NonPeer => Msg::TypologyNonPeer,
            Typology::Both => Msg::TypologyBoth,
        }
    }

    pub fn programme_format(f: ProgrammeFormat) -> Msg {
        match f {
            ProgrammeFormat::FaceToFace => Msg::FormatFaceToFace,
            ProgrammeFormat::Online => Msg::FormatOnline,
            ProgrammeFormat::Blended => Msg::FormatBlended,
        }
    }

    pub fn training_format(f: TrainingFormat) -> Msg {
        match f {
            TrainingFormat::FaceToFace => Msg::FormatFaceToFace,
            TrainingFormat::Online => Msg::FormatOnline,
        }
    }

    pub fn meetings(m: MeetingFrequency) -> Msg {
        match m {
            MeetingFrequency::Weekly => Msg::MeetingsWeekly,
            MeetingFrequency::Fortnightly => Msg::MeetingsFortnightly,
            MeetingFrequency::Monthly => Msg::MeetingsMonthly,
        }
    }

    pub fn step(s: Step) -> Msg {
        match s {
            Step::Launch => Msg::StepLaunch,
            Step::Training => Msg::StepTraining,
            Step::RollOut => Msg::StepRollOut,
            Step::Process => Msg::StepProcess,
            Step::FollowUp => Msg::StepFollowUp,
            Step::Evaluation => Msg::StepEvaluation,
        }
    }

    pub fn next_action(a: NextAction) -> Msg {
        match a {
            NextAction::InviteManager => Msg::NextInviteManager,
            NextAction::RegisterMentors => Msg::NextRegisterMentors,
            NextAction::RegisterMentees => Msg::NextRegisterMentees,
            NextAction::AcceptCandidates => Msg::NextAcceptCandidates,
            NextAction::PlanTraining => Msg::NextPlanTraining,
            NextAction::RecordAttendance => Msg::NextRecordAttendance,
            NextAction::MatchPairs => Msg::NextMatchPairs,
            NextAction::ConfirmPairs => Msg::NextConfirmPairs,
            NextAction::FollowPairs => Msg::NextFollowPairs,
            NextAction::CloseProcesses => Msg::NextCloseProcesses,
            NextAction::WriteReport => Msg::NextWriteReport,
        }
    }

    pub fn measure_state(m: MeasureState) -> Msg {
        match m {
            MeasureState::Planned => Msg::MeasurePlanned,
            MeasureState::InPlace => Msg::MeasureInPlace,
            MeasureState::NotChosen => Msg::MeasureNotChosen,
        }
    }

    /// The text of measure `n` (1 to 15) of the catalogue.
    pub fn measure(n: u8) -> Msg {
        const MEASURES: [Msg; 15] = [
            Msg::Measure1,
            Msg::Measure2,
            Msg::Measure3,
            Msg::Measure4,
            Msg::Measure5,
            Msg::Measure6,
            Msg::Measure7,
            Msg::Measure8,
            Msg::Measure9,
            Msg::Measure10,
            Msg::Measure11,
            Msg::Measure12,
            Msg::Measure13,
            Msg::Measure14,
            Msg::Measure15,
        ];
        MEASURES[(n.clamp(1, 15) - 1) as usize]
    }

    pub fn digest_frequency(d: crate::model::DigestFrequency) -> Msg {
        use crate::model::DigestFrequency;
        match d {
            DigestFrequency::Daily => Msg::DigestDaily,
            DigestFrequency::Weekly => Msg::DigestWeekly,
            DigestFrequency::Off => Msg::DigestOff,
        }
    }

    pub fn consent_purpose(p: ConsentPurpose) -> Msg {
        match p {
            ConsentPurpose::Programme => Msg::PurposeProgramme,
            ConsentPurpose::Email => Msg::PurposeEmail,
            ConsentPurpose::AnonymisedResults => Msg::PurposeAnonymisedResults,
        }
    }

    pub fn consent_change(c: ConsentChange) -> Msg {
        match c {
            ConsentChange::Given => Msg::ConsentGivenBadge,
            ConsentChange::Withdrawn => Msg::ConsentWithdrawn,
        }
    }

    pub fn age_band(band: AgeBand) -> Msg {
        match band {
            AgeBand::Under25 => Msg::AgeUnder25,
            AgeBand::From25To34 => Msg::Age25To34,
            AgeBand::From35To44 => Msg::Age35To44,
            AgeBand::From45To54 => Msg::Age45To54,
            AgeBand::From55 => Msg::Age55Plus,
            AgeBand::NotRecorded => Msg::NotRecorded,
        }
    }

    /// Mentors or mentees, as a group.
    pub fn who(kind: CandidateKind) -> Msg {
        match kind {
            CandidateKind::Mentor => Msg::WhoMentors,
            CandidateKind::Mentee => Msg::WhoMentees,
        }
    }

    /// A report and who answered it, as a column heading.
    pub fn report_side(kind: ReportKind, respondent: Respondent) -> Msg {
        match (kind, respondent) {
            (ReportKind::Midterm, Respondent::Mentor) => Msg::MidtermByMentors,
            (ReportKind::Midterm, Respondent::Mentee) => Msg::MidtermByMentees,
            (ReportKind::Final, Respondent::Mentor) => Msg::FinalByMentors,
            (ReportKind::Final, Respondent::Mentee) => Msg::FinalByMentees,
        }
    }

    pub fn narrative_section(section: NarrativeSection) -> Msg {
        match section {
            NarrativeSection::Introduction => Msg::NarrativeIntroduction,
            NarrativeSection::Context => Msg::NarrativeContext,
            NarrativeSection::ResultsSummary => Msg::NarrativeResultsSummary,
            NarrativeSection::Challenges => Msg::NarrativeChallenges,
            NarrativeSection::FinalRemarks => Msg::NarrativeFinalRemarks,
        }
    }

    pub fn gender_or_not(g: Option<Gender>) -> Msg {
        g.map(gender).unwrap_or(Msg::NotRecorded)
    }

    pub fn employment_or_not(e: Option<Employment>) -> Msg {
        e.map(employment).unwrap_or(Msg::NotRecorded)
    }

    pub fn audit_action(a: AuditAction) -> Msg {
        match a {
            AuditAction::LoggedIn => Msg::AuditLoggedIn,
            AuditAction::LoginFailed => Msg::AuditLoginFailed,
            AuditAction::Denied => Msg::AuditDenied,
            AuditAction::ReadLogs => Msg::AuditReadLogs,
            AuditAction::ReadReports => Msg::AuditReadReports,
            AuditAction::ReadRegistration => Msg::AuditReadRegistration,
            AuditAction::ReadConcern => Msg::AuditReadConcern,
            AuditAction::ReadScreening => Msg::AuditReadScreening,
            AuditAction::Exported => Msg::AuditExported,
            AuditAction::Erased => Msg::AuditErased,
            AuditAction::Anonymised => Msg::AuditAnonymised,
            AuditAction::ConsentRecorded => Msg::AuditConsentRecorded,
            AuditAction::ConsentWithdrawn => Msg::AuditConsentWithdrawn,
            AuditAction::ExportedReport => Msg::AuditExportedReport,
            AuditAction::SessionsEnded => Msg::AuditSessionsEnded,
            AuditAction::PasswordChanged => Msg::AuditPasswordChanged,
            AuditAction::RoleGranted => Msg::AuditRoleGranted,
            AuditAction::ReadGoals => Msg::AuditReadGoals,
            AuditAction::ReadSupervision => Msg::AuditReadSupervision,
            AuditAction::ReadProgrammeReport => Msg::AuditReadProgrammeReport,
            AuditAction::ReadPerson => Msg::AuditReadPerson,
            AuditAction::SearchedAudit => Msg::AuditSearchedAudit,
            AuditAction::RetentionChanged => Msg::AuditRetentionChanged,
            AuditAction::PublicImpactChanged => Msg::AuditPublicImpactChanged,
            AuditAction::PasswordReset => Msg::AuditPasswordReset,
            AuditAction::ResetLinkMade => Msg::AuditResetLinkMade,
            AuditAction::EmailChanged => Msg::AuditEmailChanged,
            AuditAction::InvitationWithdrawn => Msg::AuditInvitationWithdrawn,
            AuditAction::SetUp => Msg::AuditSetUp,
            AuditAction::RemovedFromProgramme => Msg::AuditRemovedFromProgramme,
            AuditAction::TwoStepOn => Msg::AuditTwoStepOn,
            AuditAction::TwoStepOff => Msg::AuditTwoStepOff,
            AuditAction::RecoveryCodeUsed => Msg::AuditRecoveryCodeUsed,
            AuditAction::TwoStepRequiredChanged => Msg::AuditTwoStepRequiredChanged,
            AuditAction::ChangedRecord => Msg::AuditChangedRecord,
            AuditAction::RemovedRecord => Msg::AuditRemovedRecord,
        }
    }

    /// A place in a programme ([`PersonSummary::places`]): a role, or a
    /// candidacy (`candidate_mentor`, `candidate_mentee`).
    pub fn place(key: &str) -> Option<Msg> {
        match key {
            "candidate_mentor" => Some(Msg::CandidateMentorPlace),
            "candidate_mentee" => Some(Msg::CandidateMenteePlace),
            other => <Role as TextKey>::from_key(other).map(role),
        }
    }

    /// A section of a person's export, by its name.
    pub fn export_section(name: &str) -> Option<Msg> {
        Some(match name {
            "account" => Msg::SectionAccount,
            "roles" => Msg::SectionRoles,
            "registrations" => Msg::SectionRegistrations,
            "consents" => Msg::SectionConsents,
            "training" => Msg::SectionTraining,
            "screening" => Msg::SectionScreening,
            "references" => Msg::SectionReferences,
            "pairs" => Msg::SectionPairs,
            "meeting_logs" => Msg::SectionMeetingLogs,
            "goals" => Msg::SectionGoals,
            "reports" => Msg::SectionReports,
            "check_ins" => Msg::SectionCheckIns,
            "notifications" => Msg::SectionNotifications,
            "activity" => Msg::SectionActivity,
            _ => return None,
        })
    }

    pub fn role(r: Role) -> Msg {
        match r {
            Role::Coordinator => Msg::RoleCoordinator,
            Role::Manager => Msg::RoleManager,
            Role::Mentor => Msg::RoleMentor,
            Role::Mentee => Msg::RoleMentee,
        }
    }

    pub fn stage(s: Stage) -> Msg {
        match s {
            Stage::Disclosure => Msg::StageDisclosure,
            Stage::Referral => Msg::StageReferral,
            Stage::Interest => Msg::StageInterest,
            Stage::SelfAssessment => Msg::StageSelfAssessment,
            Stage::Interview => Msg::StageInterview,
            Stage::PreMatching => Msg::StagePreMatching,
            Stage::Accepted => Msg::StageAccepted,
            Stage::Dropped => Msg::StageDropped,
        }
    }

    pub fn gender(g: Gender) -> Msg {
        match g {
            Gender::Female => Msg::GenderFemale,
            Gender::Male => Msg::GenderMale,
            Gender::Other => Msg::GenderOther,
            Gender::NotSaid => Msg::GenderNotSaid,
        }
    }

    pub fn role_with_child(r: RoleWithChild) -> Msg {
        match r {
            RoleWithChild::Mother => Msg::RoleMother,
            RoleWithChild::Father => Msg::RoleFather,
            RoleWithChild::Grandparent => Msg::RoleGrandparent,
            RoleWithChild::Guardian => Msg::RoleGuardian,
            RoleWithChild::Other => Msg::RoleOtherRelation,
        }
    }

    pub fn employment(e: Employment) -> Msg {
        match e {
            Employment::Employed => Msg::EmploymentEmployed,
            Employment::SelfEmployed => Msg::EmploymentSelfEmployed,
            Employment::Unemployed => Msg::EmploymentUnemployed,
            Employment::HomeMaker => Msg::EmploymentHomeMaker,
            Employment::Student => Msg::EmploymentStudent,
            Employment::Retired => Msg::EmploymentRetired,
            Employment::Other => Msg::EmploymentOther,
        }
    }

    pub fn slot(s: Slot) -> Msg {
        match s {
            Slot::WeekdayMornings => Msg::SlotWeekdayMornings,
            Slot::WeekdayAfternoons => Msg::SlotWeekdayAfternoons,
            Slot::WeekdayEvenings => Msg::SlotWeekdayEvenings,
            Slot::Weekends => Msg::SlotWeekends,
        }
    }

    pub fn contact_way(w: ContactWay) -> Msg {
        match w {
            ContactWay::Call => Msg::ContactCall,
            ContactWay::Sms => Msg::ContactSms,
            ContactWay::WhatsApp => Msg::ContactWhatsApp,
            ContactWay::Email => Msg::ContactEmail,
        }
    }

    pub fn consent_how(c: ConsentHow) -> Msg {
        match c {
            ConsentHow::InApp => Msg::ConsentInApp,
            ConsentHow::Paper => Msg::ConsentPaper,
            ConsentHow::Spoken => Msg::ConsentSpoken,
        }
    }

    pub fn moment(m: Moment) -> Msg {
        match m {
            Moment::Before => Msg::MomentBefore,
            Moment::After => Msg::MomentAfter,
        }
    }
}

/// The text of a question as the tool asks it.
pub fn question_msg(question: Question, kind: ReportKind) -> Msg {
    use Question as Q;
    match question {
        Q::Change if kind == ReportKind::Midterm => Msg::QChangeMidterm,
        Q::Change => Msg::QChangeFinal,
        Q::MentorInfluence => Msg::QMentorInfluence,
        Q::SRelationship => Msg::QSRelationship,
        Q::SWellbeing => Msg::QSWellbeing,
        Q::SMotivates => Msg::QSMotivates,
        Q::SConfidence => Msg::QSConfidence,
        Q::SDialogue => Msg::QSDialogue,
        Q::SVoice => Msg::QSVoice,
        Q::SAchievement => Msg::QSAchievement,
        Q::Comment => Msg::QComment,
        Q::WouldChange => Msg::QWouldChange,
        Q::AdviceNewPairs => Msg::QAdviceNewPairs,
        Q::CConfidence => Msg::QCConfidence,
        Q::CFriends => Msg::QCFriends,
        Q::CExtracurricular => Msg::QCExtracurricular,
        Q::CViewSchool => Msg::QCViewSchool,
        Q::CBehaviour => Msg::QCBehaviour,
        Q::CAttendance => Msg::QCAttendance,
        Q::CAcademic => Msg::QCAcademic,
        Q::PParentalSkills => Msg::QPParentalSkills,
        Q::PRelationshipChild => Msg::QPRelationshipChild,
        Q::PRepresentChild => Msg::QPRepresentChild,
        Q::PCommunicationSchool => Msg::QPCommunicationSchool,
        Q::PCollaborate => Msg::QPCollaborate,
        Q::PParticipation => Msg::QPParticipation,
        Q::PSchoolSafe => Msg::QPSchoolSafe,
        Q::PInvolved => Msg::QPInvolved,
        Q::PMeetParents => Msg::QPMeetParents,
        Q::PNewSkills => Msg::QPNewSkills,
        Q::MUnderstanding => Msg::QMUnderstanding,
        Q::MHelpFamilies => Msg::QMHelpFamilies,
        Q::MHelpMentors => Msg::QMHelpMentors,
        Q::MSelfKnowledge => Msg::QMSelfKnowledge,
        Q::MConfidence => Msg::QMConfidence,
        Q::MNewSkills => Msg::QMNewSkills,
        Q::MSupported => Msg::QMSupported,
        Q::TimeMet => Msg::QTimeMet,
        Q::Date => Msg::DateLabel,
        Q::Report | Q::Pair | Q::Kind | Q::Respondent => Msg::ReportsLink,
    }
}

/// The label of the text box under a report's question ("If you chose
/// Disagree or Could be improved, please tell us in what way").
pub fn explain_msg(item: &crate::model::Item) -> Msg {
    use crate::model::Scale;
    match (item.scale, item.question) {
        (Scale::Text, _) => Msg::YourAnswer,
        (_, Question::Change) => Msg::ChangeExplain,
        (_, Question::WouldChange) => Msg::WhatBetter,
        (Scale::Agreement, _) => Msg::InWhatWay,
        (Scale::YesNo, _) => Msg::WriteInWhatWay,
    }
}

pub fn choice_msg(choice: Choice) -> Msg {
    match choice {
        Choice::Disagree => Msg::ChoiceDisagree,
        Choice::Agree => Msg::ChoiceAgree,
        Choice::CouldBeImproved => Msg::ChoiceCouldBeImproved,
        Choice::Yes => Msg::ChoiceYes,
        Choice::No => Msg::ChoiceNo,
    }
}

/// Tool 3 or Tool 4, by name.
pub fn kind_msg(kind: ReportKind) -> Msg {
    match kind {
        ReportKind::Midterm => Msg::MidtermReport,
        ReportKind::Final => Msg::FinalReport,
    }
}

pub fn goal_progress_label(progress: GoalProgress) -> Msg {
    match progress {
        GoalProgress::NotStarted => Msg::ProgressNotStarted,
        GoalProgress::UnderWay => Msg::ProgressUnderWay,
        GoalProgress::Reached => Msg::ProgressReached,
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
            // The office texts too if this page uses them.
            let office = tables::has(this.lang.get_untracked(), Part::Office);
            leptos::task::spawn_local(async move {
                let core = tables::fetch(lang, Part::Core).await;
                let office = !office || tables::fetch(lang, Part::Office).await;
                if core && office {
                    this.lang.set(lang);
                }
            });
        }
        #[cfg(feature = "ssr")]
        let _ = lang;
    }
}

/// In the browser, before the app starts: keeps where each language's texts
/// are (`addresses`, as the page named them) and fetches those of the
/// language the page was rendered in (the office part too if `office`).
#[cfg(not(feature = "ssr"))]
pub async fn load_page_language(office: bool, addresses: Vec<(Lang, Part, String)>) {
    tables::know_addresses(addresses);
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    for part in Part::ALL {
        if (part == Part::Core || office) && !tables::fetch(lang, part).await {
            leptos::logging::warn!("the texts of {} could not be loaded", lang.code());
        }
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
            Msg::Total,
            Msg::ProgrammeFormatLabel,
            Msg::FormatOnline,
            Msg::RoleMentor,
            Msg::EmploymentStudent,
            Msg::AnswerOfMentor,
            Msg::ReportFormTitle,
            Msg::ContactSms,
            Msg::ContactWhatsApp,
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
