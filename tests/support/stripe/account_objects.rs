//! The JSON of connected accounts and account links, complete as Stripe's
//! API reference shows them (the client parses strictly).

use serde_json::{Value, json};

use super::state::{Account, AccountLink};

/// A connected account as the platform sees it.
pub fn account(account: &Account) -> Value {
    let capability = if account.charges_enabled {
        "active"
    } else {
        "inactive"
    };
    let capabilities: serde_json::Map<String, Value> = account
        .capabilities
        .iter()
        .map(|name| (name.clone(), json!(capability)))
        .collect();
    let due: Vec<&str> = if account.details_submitted {
        Vec::new()
    } else {
        vec![
            "business_profile.url",
            "external_account",
            "tos_acceptance.date",
            "tos_acceptance.ip",
        ]
    };
    let (dashboard, collection, fees, losses) = match account.kind.as_str() {
        "express" => ("express", "stripe", "application", "application"),
        "custom" => ("none", "application", "application", "application"),
        _ => ("full", "stripe", "account", "stripe"),
    };
    json!({
        "id": account.id,
        "object": "account",
        "business_profile": {
            "annual_revenue": null, "estimated_worker_count": null, "mcc": null,
            "name": null, "product_description": null, "support_address": null,
            "support_email": null, "support_phone": null, "support_url": null, "url": null,
        },
        "business_type": account.business_type,
        "capabilities": capabilities,
        "charges_enabled": account.charges_enabled,
        "controller": {
            "fees": {"payer": fees},
            "is_controller": true,
            "losses": {"payments": losses},
            "requirement_collection": collection,
            "stripe_dashboard": {"type": dashboard},
            "type": "application",
        },
        "country": account.country,
        "created": account.created,
        "default_currency": account.default_currency,
        "details_submitted": account.details_submitted,
        "email": account.email,
        "external_accounts": {
            "object": "list",
            "data": [],
            "has_more": false,
            "total_count": 0,
            "url": format!("/v1/accounts/{}/external_accounts", account.id),
        },
        "future_requirements": requirements(&[]),
        "metadata": account.metadata,
        "payouts_enabled": account.payouts_enabled,
        "requirements": requirements(&due),
        "settings": {
            "branding": {
                "icon": null, "logo": null, "primary_color": null, "secondary_color": null,
            },
            "card_payments": {
                "decline_on": {"avs_failure": false, "cvc_failure": false},
                "statement_descriptor_prefix": null,
                "statement_descriptor_prefix_kana": null,
                "statement_descriptor_prefix_kanji": null,
            },
            "dashboard": {"display_name": null, "timezone": "Etc/UTC"},
            "payments": {
                "statement_descriptor": null,
                "statement_descriptor_kana": null,
                "statement_descriptor_kanji": null,
            },
            "payouts": {
                "debit_negative_balances": true,
                "schedule": {"delay_days": 7, "interval": "daily"},
                "statement_descriptor": null,
            },
        },
        "tos_acceptance": {"date": null, "ip": null},
        "type": account.kind,
    })
}

fn requirements(due: &[&str]) -> Value {
    json!({
        "alternatives": [],
        "current_deadline": null,
        "currently_due": due,
        "disabled_reason": (!due.is_empty()).then_some("requirements.past_due"),
        "errors": [],
        "eventually_due": due,
        "past_due": due,
        "pending_verification": [],
    })
}

/// An onboarding link, pointing at this server.
pub fn account_link(link: &AccountLink, base_url: &str) -> Value {
    json!({
        "object": "account_link",
        "created": link.created,
        "expires_at": link.expires_at,
        "url": format!("{base_url}setup/e/{}/{}", link.account, link.token),
    })
}
