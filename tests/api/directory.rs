//! The public directory lists every hub's published public listings, and
//! nothing else.

use serde_json::{Value, json};

use crate::catalogue::{self, aurora};
use crate::db_test;

const DIRECTORY: &str = "query($f: DirectoryFilter, $first: Int, $after: String) { directory(filter: $f, first: $first, after: $after) { edges { node { title kind category link location { latitude longitude } hub { slug name } } } pageInfo { hasNextPage endCursor } } }";

db_test! {
    async fn only_published_public_listings_reach_the_directory(app) {
        let hub = aurora(&app).await;
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &bea, "Borgo Coop").await;
        let point = json!({"latitude": 45.07, "longitude": 7.68});
        let public = |title: &str| {
            let mut extra = json!({"title": title, "visibility": "PUBLIC"});
            extra["latitude"] = point["latitude"].clone();
            extra["longitude"] = point["longitude"].clone();
            extra
        };
        catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, public("Orto condiviso")).await;
        catalogue::published(&app, "borgo", &bea, &borgo_org, public("Forno di comunità")).await;
        catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"title": "Solo soci"})).await;
        catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, public("Bozza pubblica")).await;
        let archived = catalogue::published(&app, "borgo", &bea, &borgo_org, public("Archiviato")).await;
        app.gql("mutation($id: ID!) { archiveListing(id: $id) { status } }").vars(json!({"id": archived})).token(&bea).tenant("borgo").send().await.data();

        // No hub and no login needed.
        let listed = app.gql(DIRECTORY).send().await;
        let entries: Vec<&Value> = listed.data()["directory"]["edges"].as_array().unwrap().iter().map(|e| &e["node"]).collect();
        let mut titles: Vec<&str> = entries.iter().map(|e| e["title"].as_str().unwrap()).collect();
        titles.sort();
        assert_eq!(titles, ["Forno di comunità", "Orto condiviso"]);
        let forno = entries.iter().find(|e| e["title"] == "Forno di comunità").unwrap();
        assert_eq!(forno["hub"], json!({"slug": "borgo", "name": "Hub borgo"}));
        assert_eq!(forno["location"], point);

        let filtered = app.gql(DIRECTORY).vars(json!({"f": {"text": "forno comunita"}})).send().await;
        assert_eq!(filtered.data()["directory"]["edges"].as_array().unwrap().len(), 1);
        let paged = app.gql(DIRECTORY).vars(json!({"first": 1})).send().await;
        assert_eq!(paged.data()["directory"]["pageInfo"]["hasNextPage"], true);

        let geojson: Value = app.http().get(app.url("/directory.geojson")).send().await.unwrap().json().await.unwrap();
        assert_eq!(geojson["type"], "FeatureCollection");
        let mut names: Vec<&str> = geojson["features"].as_array().unwrap().iter().map(|f| f["properties"]["title"].as_str().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["Forno di comunità", "Orto condiviso"]);
        let feature = geojson["features"].as_array().unwrap().iter().find(|f| f["properties"]["hub"] == "borgo").unwrap();
        assert_eq!(feature["geometry"]["coordinates"], json!([7.68, 45.07]));

        // Each link answers with its feature; a private listing's would-be link is 404.
        let link = feature["properties"]["link"].as_str().unwrap();
        let path = &link[link.find("/directory/").unwrap()..];
        let one: Value = app.http().get(app.url(path)).send().await.unwrap().json().await.unwrap();
        assert_eq!(one["properties"]["title"], "Forno di comunità");
        let wrong_hub = path.replace("/borgo/", "/aurora/");
        assert_eq!(app.http().get(app.url(&wrong_hub)).send().await.unwrap().status(), 404);
        let hidden = format!("/directory/borgo/{archived}");
        assert_eq!(app.http().get(app.url(&hidden)).send().await.unwrap().status(), 404);
    }
}
