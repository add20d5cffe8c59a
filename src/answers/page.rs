//! The small pages an answer link shows: self-contained HTML, no script,
//! no style sheet (the strict Content-Security-Policy loads nothing), one
//! form that posts back to the page's own address. Every sentence comes
//! from the catalogue; everything people typed is escaped.

use crate::bookings::steps::REASON_MAX;
use crate::entities::answer_link::AnswerDecision;
use crate::locale::Locale;
use crate::msg;
use crate::plain_page::{document, escape, paragraph};

use super::answering::{Question, Why};

/// What the request is: hub, listing, customer, when.
fn facts(q: &Question) -> String {
    let rows = [
        (msg!("answer-page-hub"), &q.hub),
        (msg!("answer-page-listing"), &q.listing),
        (msg!("answer-page-customer"), &q.customer),
        (msg!("answer-page-when"), &q.when),
    ];
    let mut out = String::from("<dl>\n");
    for (label, value) in rows {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(&label.render(q.locale)),
            escape(value)
        ));
    }
    out.push_str("</dl>\n");
    out
}

/// The page an opened link shows: the request and one button to confirm
/// (a decline also asks for an optional reason for the customer).
pub fn question(q: &Question) -> String {
    let locale = q.locale;
    let (title, button) = match q.decision {
        AnswerDecision::Approve => (
            msg!("answer-page-title-approve"),
            msg!("answer-page-approve-button"),
        ),
        AnswerDecision::Decline => (
            msg!("answer-page-title-decline"),
            msg!("answer-page-decline-button"),
        ),
    };
    let mut body = facts(q);
    body.push_str(&paragraph(msg!("answer-page-once"), locale));
    // No `action`: the form posts to the address it was opened at.
    body.push_str("<form method=\"post\">\n");
    if q.decision == AnswerDecision::Decline {
        body.push_str(&format!(
            "<p><label for=\"reason\">{}</label><br>\n\
             <textarea id=\"reason\" name=\"reason\" rows=\"4\" cols=\"40\" maxlength=\"{REASON_MAX}\"></textarea></p>\n",
            escape(&msg!("answer-page-reason-label", max = REASON_MAX).render(locale))
        ));
    }
    body.push_str(&format!(
        "<p><button type=\"submit\">{}</button></p>\n</form>\n",
        escape(&button.render(locale))
    ));
    document(locale, &title.render(locale), &body)
}

/// The page after the step was taken.
pub fn done(q: &Question) -> String {
    let locale = q.locale;
    let (title, lead) = match q.decision {
        AnswerDecision::Approve => (
            msg!("answer-done-approved-title"),
            msg!("answer-done-approved", customer = q.customer.clone()),
        ),
        AnswerDecision::Decline => (
            msg!("answer-done-declined-title"),
            msg!("answer-done-declined", customer = q.customer.clone()),
        ),
    };
    let mut body = paragraph(lead, locale);
    body.push_str(&facts(q));
    document(locale, &title.render(locale), &body)
}

/// The page of a link that does not act, saying why plainly.
pub fn refusal(why: &Why, locale: Locale) -> String {
    let (title, lead) = match why {
        Why::Unknown => (
            msg!("answer-unknown-title"),
            msg!("answer-unknown").render(locale),
        ),
        Why::Used => (
            msg!("answer-used-title"),
            msg!("answer-used").render(locale),
        ),
        Why::Expired => (
            msg!("answer-expired-title"),
            msg!("answer-expired").render(locale),
        ),
        Why::Answered => (
            msg!("answer-answered-title"),
            msg!("answer-answered").render(locale),
        ),
        Why::NotAllowed => (
            msg!("answer-not-allowed-title"),
            msg!("answer-not-allowed").render(locale),
        ),
        Why::Refused(err) => (
            msg!("answer-refused-title"),
            err.describe(locale)
                .map(|(_, text)| text)
                .unwrap_or_else(|| msg!("answer-failed").render(locale)),
        ),
    };
    let mut body = format!("<p>{}</p>\n", escape(&lead));
    body.push_str(&paragraph(msg!("answer-nothing-changed"), locale));
    document(locale, &title.render(locale), &body)
}

/// The page of a form too large to read.
pub fn too_large(locale: Locale) -> String {
    let body = paragraph(msg!("answer-too-large", max = REASON_MAX), locale)
        + &paragraph(msg!("answer-nothing-changed"), locale);
    document(locale, &msg!("answer-refused-title").render(locale), &body)
}

/// The page of a failure of ours.
pub fn failed(locale: Locale) -> String {
    let body = paragraph(msg!("answer-failed"), locale)
        + &paragraph(msg!("answer-nothing-changed"), locale);
    document(locale, &msg!("answer-failed-title").render(locale), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(decision: AnswerDecision, locale: Locale) -> Question {
        Question {
            locale,
            decision,
            hub: "Casa <b>Aurora</b>".into(),
            listing: "Sala & \"giardino\"".into(),
            customer: "<script>alert(1)</script>".into(),
            when: "2026-11-25 11:00–13:00 (Europe/Rome)".into(),
        }
    }

    #[test]
    fn what_people_typed_is_escaped_everywhere() {
        for decision in [AnswerDecision::Approve, AnswerDecision::Decline] {
            for locale in [Locale::En, Locale::It] {
                let q = asked(decision, locale);
                for html in [question(&q), done(&q)] {
                    assert!(!html.contains("<script>"), "{html}");
                    assert!(!html.contains("<b>"), "{html}");
                    assert!(
                        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        "{html}"
                    );
                    assert!(html.contains("Sala &amp; &quot;giardino&quot;"), "{html}");
                    assert!(html.contains(&format!("<html lang=\"{}\">", locale.tag())));
                }
            }
        }
    }

    #[test]
    fn only_a_decline_asks_for_a_reason_and_each_page_has_one_button() {
        let approve = question(&asked(AnswerDecision::Approve, Locale::En));
        let decline = question(&asked(AnswerDecision::Decline, Locale::En));
        assert!(!approve.contains("<textarea"));
        assert!(decline.contains("<textarea id=\"reason\" name=\"reason\""));
        for html in [&approve, &decline] {
            assert_eq!(html.matches("<button").count(), 1);
            assert!(html.contains("<form method=\"post\">"));
            assert!(!html.contains("<script") && !html.contains("style"));
        }
    }

    #[test]
    fn the_pages_speak_the_recipients_language() {
        let en = question(&asked(AnswerDecision::Approve, Locale::En));
        let it = question(&asked(AnswerDecision::Approve, Locale::It));
        assert_ne!(en, it);
        for why in [
            Why::Unknown,
            Why::Used,
            Why::Expired,
            Why::Answered,
            Why::NotAllowed,
        ] {
            assert_ne!(refusal(&why, Locale::En), refusal(&why, Locale::It));
        }
    }
}
