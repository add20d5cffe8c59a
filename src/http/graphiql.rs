//! The GraphiQL page, built from pinned production releases checked by
//! Subresource Integrity: a changed file on the CDN is refused by the
//! browser instead of run. No crate ships these assets, so they come from
//! unpkg; the hashes were computed from the npm packages themselves
//! (`npm pack react@18.3.1`, then `openssl dgst -sha384 -binary FILE |
//! openssl base64 -A`).
//!
//! The page runs no inline script (its start-up script is served from here),
//! so its Content-Security-Policy can name every source it allows.

use axum::http::header;
use axum::response::{Html, IntoResponse};

/// The page's policy: scripts only from here and the pinned CDN files.
const CSP: &str = "default-src 'none'; script-src 'self' https://unpkg.com; \
    style-src https://unpkg.com 'unsafe-inline'; font-src https://unpkg.com data:; \
    img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
    form-action 'none'";

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>portineria · GraphiQL</title>
<link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css"
  integrity="sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM" crossorigin="anonymous">
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"
  integrity="sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z" crossorigin="anonymous"></script>
<script src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"
  integrity="sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1" crossorigin="anonymous"></script>
<script src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"
  integrity="sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie" crossorigin="anonymous"></script>
<script src="/graphql/graphiql.js"></script>
</body>
</html>
"#;

const START: &str = "const root = ReactDOM.createRoot(document.getElementById('graphiql'));\n\
root.render(React.createElement(GraphiQL, { fetcher: GraphiQL.createFetcher({ url: '/graphql' }) }));\n";

/// `GET /graphql`: the IDE.
pub async fn page() -> impl IntoResponse {
    ([(header::CONTENT_SECURITY_POLICY, CSP)], Html(PAGE))
}

/// `GET /graphql/graphiql.js`: the page's start-up script.
pub async fn start_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        START,
    )
}
