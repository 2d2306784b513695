//! The emails, written on the server in the person's language. An email
//! names no one and quotes nothing: it says what to look at, with a link.

use crate::i18n::{Lang, Msg};
use crate::model::*;

fn fill(lang: Lang, msg: Msg, values: &[(&str, &str)]) -> String {
    let mut text = msg.text(lang).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A concern was raised: to each manager and coordinator who hears of
/// it. No detail: only where to read it.
pub fn concern(lang: Lang, origin: &str, pair: PairId) -> (String, String) {
    let link = format!("{origin}/pairs/{pair}/concerns");
    (
        Msg::MailConcernSubject.text(lang).to_string(),
        format!(
            "{}\n\n{}\n\n{link}\n\n{}\n",
            Msg::MailHello.text(lang),
            Msg::MailConcernBody.text(lang),
            Msg::MailNoDetails.text(lang),
        ),
    )
}

fn line(lang: Lang, line: DigestLine) -> Msg {
    let _ = lang;
    match line {
        DigestLine::Alert(kind) => match kind {
            AlertKind::Concern => Msg::DigestConcerns,
            AlertKind::EndAsked => Msg::DigestEndAsked,
            AlertKind::ReportOverdue => Msg::DigestReportsOverdue,
            AlertKind::NoMeeting => Msg::DigestNoMeeting,
            AlertKind::NotConfirmed => Msg::DigestNotConfirmed,
            AlertKind::PastPlannedEnd => Msg::DigestPastEnd,
            AlertKind::ChallengeOpen => Msg::DigestChallenges,
        },
        DigestLine::Screening => Msg::DigestScreening,
        DigestLine::Reports => Msg::DigestReportsDue,
        DigestLine::NoMeeting => Msg::DigestMenteesQuiet,
        DigestLine::Discussed => Msg::DigestDiscussed,
        DigestLine::Acknowledged => Msg::DigestAcknowledged,
    }
}

/// The daily digest of `notices`: each kind counted, a link.
pub fn digest(lang: Lang, origin: &str, notices: &[Notice]) -> (String, String) {
    let lines = digest_lines(notices);
    let total: usize = lines.iter().map(|(_, n)| n).sum();
    let mut body = format!(
        "{}\n\n{}\n\n",
        Msg::MailHello.text(lang),
        fill(lang, Msg::DigestIntro, &[("n", &total.to_string())])
    );
    for (kind, n) in &lines {
        body.push_str(&format!("- {}: {n}\n", line(lang, *kind).text(lang)));
    }
    body.push_str(&format!(
        "\n{}\n{origin}/notifications\n\n{}\n",
        Msg::DigestOpen.text(lang),
        Msg::DigestWhy.text(lang)
    ));
    (
        fill(lang, Msg::DigestSubject, &[("n", &total.to_string())]),
        body,
    )
}

/// A link to set a new password, asked for on the login page.
pub fn password_reset(lang: Lang, origin: &str, token: &str) -> (String, String) {
    (
        Msg::MailResetSubject.text(lang).to_string(),
        format!(
            "{}\n\n{}\n\n{origin}/reset/{token}\n\n{}\n",
            Msg::MailHello.text(lang),
            Msg::MailResetBody.text(lang),
            Msg::MailResetIgnore.text(lang),
        ),
    )
}

/// A link to confirm a new email address, sent to that address.
pub fn email_confirmation(lang: Lang, origin: &str, token: &str) -> (String, String) {
    (
        Msg::MailEmailSubject.text(lang).to_string(),
        format!(
            "{}\n\n{}\n\n{origin}/confirm-email/{token}\n\n{}\n",
            Msg::MailHello.text(lang),
            Msg::MailEmailBody.text(lang),
            Msg::MailEmailIgnore.text(lang),
        ),
    )
}

/// To the old address once the new one is confirmed: in case it was not
/// the person who changed it.
pub fn email_changed(lang: Lang, new_email: &str) -> (String, String) {
    (
        Msg::MailEmailChangedSubject.text(lang).to_string(),
        format!(
            "{}\n\n{}\n",
            Msg::MailHello.text(lang),
            fill(lang, Msg::MailEmailChangedBody, &[("email", new_email)]),
        ),
    )
}
