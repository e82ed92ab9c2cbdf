//! `GET /api/v1/openapi.json`: the API's OpenAPI 3.1 document, kept in the repository as
//! `docs/admin-api.json` and embedded in the binary (a test checks that every route is in it).

use axum::http::header;
use axum::response::IntoResponse;

/// The document, as in the repository.
pub const DOCUMENT: &str = include_str!("../../../../../docs/admin-api.json");

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).expect("valid JSON");
        for (method, path) in super::super::ROUTES {
            assert!(
                doc["paths"][path][method].is_object(),
                "{method} {path} is not in docs/admin-api.json"
            );
        }
        let documented: usize = doc["paths"]
            .as_object()
            .expect("paths")
            .values()
            .map(|p| p.as_object().map_or(0, |o| o.len()))
            .sum();
        assert_eq!(
            documented,
            super::super::ROUTES.len(),
            "the document lists routes that do not exist"
        );
    }
}
