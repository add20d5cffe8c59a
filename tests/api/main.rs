//! portineria's HTTP-level tests: each drives a real server over HTTP, on
//! SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod catalogue;
#[path = "../support/documents.rs"]
mod documents;
mod helpers;
mod hostile;
#[path = "../support/smtp/mod.rs"]
mod smtp_server;
#[path = "../support/stripe/mod.rs"]
mod stripe_server;

mod accounts;
mod answers;
mod availability;
mod bookings;
mod calendar;
mod cli;
mod concurrency;
mod connections;
mod constraints;
mod dead_letter_digest;
mod demo;
mod directory;
mod hardening;
mod http_surface;
mod identity_cache;
mod isolation;
mod listings;
mod mail_preferences;
mod mail_transport;
mod notifications;
mod notifications_killed;
mod notifications_listings;
mod notifications_mail;
mod notifications_series;
mod online;
mod organizations;
mod page_client;
mod pages_account;
mod pages_manager;
mod pages_provider;
mod pages_resident;
mod payments;
mod reminders;
mod schema_export;
mod search;
mod search_free_between;
mod second_server;
mod series;
mod signin;
mod stranding;
mod stripe_fake;
mod tax;
mod tenancy;
mod terms;
mod verification;
