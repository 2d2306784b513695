//! The public impact page of an organisation that publishes one
//! (`/impact/<organisation>`): its aggregated results in plain HTML, with
//! no script, no name, no count below five, no share unless five agree and
//! five do not (in tens of per cent), and no free text unless marked
//! publishable. Made once a month per organisation and language and kept in
//! the database (`public_snapshots`): a page that changed with every new
//! report could be compared from one day to the next to learn one person's
//! answer. Publishing again, marking a quote, an erasure or the retention
//! job drops the made pages.

use super::report::escape;
use crate::i18n::{Lang, Msg};
use crate::model::*;

/// How long browsers and proxies may keep the page.
pub const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(600);

/// One page is made at a time: requests that find no page for the month
/// while one is being made wait for it instead of each making it again.
static MAKING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The page, or none when the organisation does not publish one
/// (`stylesheet`: the address of the app's stylesheet). Read from `reads`
/// (a replica, when there is one); a page made now is kept on `primary`.
pub async fn page(
    reads: &crate::store::Db,
    primary: &crate::store::Db,
    organisation: OrganisationId,
    lang: Lang,
    stylesheet: &str,
    today: chrono::NaiveDate,
) -> crate::store::StoreResult<Option<String>> {
    use crate::store::programme_report as store;
    let Some((name, programmes)) = store::public(reads, organisation).await? else {
        return Ok(None);
    };
    let month = today.format("%Y-%m").to_string();
    if let Some(html) = store::snapshot(reads, organisation, lang.code(), &month).await? {
        return Ok(Some(html));
    }
    let _making = MAKING.lock().await;
    // Made while this request waited its turn (here or by another server).
    if let Some(html) = store::snapshot(primary, organisation, lang.code(), &month).await? {
        return Ok(Some(html));
    }
    let mut reports = Vec::with_capacity(programmes.len());
    for (programme, starts_on) in programmes {
        // The whole programme so far: a period that always reads.
        let Ok((from, to)) = report_period("", "", starts_on, today) else {
            continue;
        };
        if let Some(facts) = store::facts(reads, programme, from, to).await? {
            reports.push(compute(&facts, false));
        }
    }
    let html = render(&Impact::of(&name, &reports), lang, stylesheet);
    store::keep_snapshot(primary, organisation, lang.code(), &month, &html).await?;
    Ok(Some(html))
}

/// A count, or "fewer than 5".
fn count(n: u32, lang: Lang) -> String {
    match public_count(n) {
        Some(n) => n.to_string(),
        None => Msg::PublicFewerThan.fill(
            lang,
            &[("n", &crate::model::limits::PUBLIC_MIN_COUNT.to_string())],
        ),
    }
}

/// The page's HTML (pure: the tests read it).
pub fn render(impact: &Impact, lang: Lang, stylesheet: &str) -> String {
    let t = |m: Msg| escape(m.text(lang));
    let title = escape(&Msg::PublicTitle.fill(lang, &[("name", &impact.organisation)]));
    let figures = [
        (Msg::PublicProgrammes, impact.programmes),
        (Msg::PairsMatched, impact.pairs),
        (Msg::EndCompleted, impact.completed),
        (Msg::ColMeetings, impact.meetings),
        (Msg::ColHours, impact.minutes / 60),
    ]
    .iter()
    .map(|(m, n)| {
        format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            t(*m),
            escape(&count(*n, lang))
        )
    })
    .collect::<String>();
    let statements = impact
        .agree
        .iter()
        .map(|(q, answers, agree)| {
            let share = match public_share(*agree, *answers) {
                Some(share) => format!("{share} %"),
                None => Msg::PublicTooFewAnswers.fill(
                    lang,
                    &[("n", &crate::model::limits::PUBLIC_MIN_COUNT.to_string())],
                ),
            };
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                t(crate::i18n::question_msg(*q, ReportKind::Final)),
                escape(&share)
            )
        })
        .collect::<String>();
    let quotes = if impact.quotes.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>{}</h2><ul class=\"quotes\">{}</ul>",
            t(Msg::PublicQuotes),
            impact
                .quotes
                .iter()
                .map(|q| format!("<li><q>{}</q></li>", escape(q)))
                .collect::<String>()
        )
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\" class=\"page public-impact\"><h1>{title}</h1><p class=\"lead\">{intro}</p>\
         <table class=\"figures\" data-testid=\"public-figures\"><tbody>{figures}</tbody></table>\
         <h2>{statements_title}</h2><p class=\"hint\">{statements_note}</p>\
         <table class=\"figures\" data-testid=\"public-statements\"><tbody>{statements}</tbody></table>\
         {quotes}<p class=\"hint\">{privacy}</p></main></body></html>",
        code = lang.code(),
        css = escape(stylesheet),
        intro = t(Msg::PublicIntro),
        statements_title = t(Msg::SectionStatements),
        statements_note = t(Msg::CompareAgreeNote),
        privacy = t(Msg::PublicPrivacy),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_below_five_and_shares_without_five_on_each_side_are_not_shown() {
        let impact = Impact {
            organisation: "School <One>".into(),
            programmes: 1,
            pairs: 4,
            completed: 0,
            meetings: 12,
            minutes: 600,
            agree: vec![
                (Question::SVoice, 4, 4),
                (Question::SWellbeing, 12, 6),
                (Question::SDialogue, 30, 28),
            ],
            quotes: vec!["We talk & listen".into()],
        };

        let html = render(&impact, Lang::En, "/pkg/app.css");

        assert!(!html.contains("<script"));
        assert!(html.contains("School &lt;One&gt;"));
        assert!(html.contains("<td>fewer than 5</td>"), "{html}");
        assert!(html.contains("<td>12</td>"));
        assert!(html.contains("<td>10</td>"), "hours");
        assert!(!html.contains("<td>4</td>"));
        assert!(html.contains("<td>50 %</td>"));
        assert!(
            !html.contains("93 %") && !html.contains("90 %"),
            "two do not agree"
        );
        assert!(html.contains("<q>We talk &amp; listen</q>"));
    }
}
