//! portineria: a multi-tenant marketplace and booking engine for community hubs.
//!
//! The binary (`main.rs`) only parses the command line; everything it does
//! lives here so that tests drive the same code.

pub mod accounts;
pub mod answers;
pub mod api;
pub mod app;
pub mod audit;
pub mod bookings;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod http;
pub mod hub_token;
pub mod i18n;
pub mod identity_cache;
pub mod ids;
pub mod listings;
pub mod locale;
pub mod money;
pub mod name;
pub mod notifications;
pub mod organizations;
pub mod pages;
pub mod payments;
pub mod plain_page;
pub mod rate_limit;
pub mod request;
pub mod signin;
pub mod startup;
pub mod state;
mod stored_enum;
pub mod telemetry;
pub mod tenancy;
pub mod wall_clock;
