//! The OpenAPI 3.1 document at /api/v1/openapi.json, built from the API's own table of
//! endpoints ([`super::endpoints`]) and from the Rust types of its requests and answers
//! (schemars), so it cannot drift from the code: a route is described because it is declared
//! with its description, and a request member exists in the document because it exists in the
//! type the handler reads.

use std::sync::OnceLock;

use axum::Json;
use axum::response::{IntoResponse, Response};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::Endpoint;
use super::reply::ErrorBody;

type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

fn schema_of<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// What a request sends.
pub enum Body {
    None,
    Json(SchemaFn),
    /// Raw bytes, described in words.
    Raw(&'static str),
}

impl Body {
    pub fn json<T: JsonSchema>() -> Body {
        Body::Json(schema_of::<T>)
    }
}

enum Shape {
    Typed(SchemaFn),
    Object,
    Array,
    Empty,
}

/// What a request answers when it succeeds.
pub struct Reply {
    status: u16,
    description: &'static str,
    shape: Shape,
    etag: bool,
}

impl Reply {
    pub fn json<T: JsonSchema>(description: &'static str) -> Reply {
        Reply {
            status: 200,
            description,
            shape: Shape::Typed(schema_of::<T>),
            etag: false,
        }
    }

    pub fn created<T: JsonSchema>(description: &'static str) -> Reply {
        Reply {
            status: 201,
            ..Reply::json::<T>(description)
        }
    }

    pub fn object(description: &'static str) -> Reply {
        Reply {
            status: 200,
            description,
            shape: Shape::Object,
            etag: false,
        }
    }

    pub fn array(description: &'static str) -> Reply {
        Reply {
            shape: Shape::Array,
            ..Reply::object(description)
        }
    }

    pub fn empty(description: &'static str) -> Reply {
        Reply {
            status: 204,
            shape: Shape::Empty,
            ..Reply::object(description)
        }
    }

    /// The answer carries the plan's version as its ETag.
    pub fn etag(mut self) -> Reply {
        self.etag = true;
        self
    }
}

/// What the document says of one endpoint.
pub struct Doc {
    id: &'static str,
    summary: &'static str,
    public: bool,
    query: &'static [(&'static str, bool, &'static str)],
    body: Body,
    ok: Reply,
    versioned: bool,
}

/// The description of an endpoint, named `id` in the document.
pub fn doc(id: &'static str, summary: &'static str) -> Doc {
    Doc {
        id,
        summary,
        public: false,
        query: &[],
        body: Body::None,
        ok: Reply::object("done"),
        versioned: false,
    }
}

impl Doc {
    /// Answers without signing in.
    pub fn public(mut self) -> Doc {
        self.public = true;
        self
    }

    /// Query parameters: (name, required, description).
    pub fn query(mut self, query: &'static [(&'static str, bool, &'static str)]) -> Doc {
        self.query = query;
        self
    }

    pub fn body(mut self, body: Body) -> Doc {
        self.body = body;
        self
    }

    pub fn ok(mut self, ok: Reply) -> Doc {
        self.ok = ok;
        self
    }

    /// The request names the plan version it was made against: a stale one is a 409.
    pub fn versioned(mut self) -> Doc {
        self.versioned = true;
        self
    }
}

fn path_parameter(path: &str, name: &str) -> Value {
    let (kind, description) = match name {
        "id" if path.starts_with("/api/v1/imports") => ("string", "the waiting upload's id"),
        "id" => ("string", "the plan's id"),
        "eid" => ("string", "the element's id"),
        "kid" => ("string", "the KPI's id"),
        "number" => ("integer", "the revision's number"),
        _ => ("string", ""),
    };
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": { "type": kind } })
}

fn operation(e: &Endpoint, g: &mut SchemaGenerator, error: &Value) -> Value {
    let d = &e.doc;
    let mut parameters: Vec<Value> = e
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| path_parameter(e.path, name))
        .collect();
    for (name, required, description) in d.query {
        let kind = if *name == "version" || *name == "after" {
            "integer"
        } else {
            "string"
        };
        parameters.push(json!({ "name": name, "in": "query", "required": required, "description": description, "schema": { "type": kind } }));
    }
    let mut op = json!({ "operationId": d.id, "summary": d.summary });
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    match d.body {
        Body::None => {}
        Body::Json(schema) => {
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema(g) } } });
        }
        Body::Raw(description) => {
            op["requestBody"] = json!({ "required": true, "description": description, "content": { "application/octet-stream": { "schema": { "type": "string", "contentMediaType": "application/octet-stream" } } } });
        }
    }
    let mut ok = json!({ "description": d.ok.description });
    let content = match d.ok.shape {
        Shape::Typed(schema) => Some(schema(g).to_value()),
        Shape::Object => Some(json!({ "type": "object" })),
        Shape::Array => Some(json!({ "type": "array", "items": { "type": "object" } })),
        Shape::Empty => None,
    };
    if let Some(schema) = content {
        ok["content"] = json!({ "application/json": { "schema": schema } });
    }
    if d.ok.etag {
        ok["headers"] = json!({ "ETag": { "description": "the plan's version, quoted: send it back as `version`", "schema": { "type": "string" } } });
    }
    let mut responses = Map::new();
    responses.insert(d.ok.status.to_string(), ok);
    let mut fail = |status: u16, description: &str| {
        responses.insert(
            status.to_string(),
            json!({ "description": description, "content": { "application/json": { "schema": error } } }),
        );
    };
    if d.public {
        op["security"] = json!([]);
    } else {
        fail(401, "not signed in");
        if e.path.contains('{') {
            fail(404, "no such thing, or one the caller may not see");
        }
        if e.method != axum::http::Method::GET {
            fail(
                400,
                "bad input: `problems` names each member and why, in English and Thai",
            );
            fail(
                403,
                "the caller may not make this change, or a session's write lacks its X-CSRF-Token",
            );
            fail(422, "the plan's rules refuse the change");
        }
        if d.versioned {
            fail(
                409,
                "the plan changed since `version`: nothing was written; `version` in the answer is the current one",
            );
        }
    }
    op["responses"] = Value::Object(responses);
    op
}

fn build() -> Value {
    let mut g = SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .into_generator();
    let error = g.subschema_for::<ErrorBody>().to_value();
    let mut paths = Map::new();
    for e in super::endpoints() {
        let op = operation(&e, &mut g, &error);
        let entry = paths.entry(e.path).or_insert_with(|| json!({}));
        entry[e.method.as_str().to_ascii_lowercase()] = op;
    }
    let schemas = g.take_definitions(true);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Phaen (แผน) API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Plans of Thai cooperatives: read them and change them as the pages do. Authenticate with 'Authorization: Bearer <token>' (phaen admin create-token) or a session cookie. Writes with a session cookie must send the session's form token in the X-CSRF-Token header; writes with a token need nothing more. Changes name the plan `version` they were made against (the ETag of GET /api/v1/plans/{id}); a stale one answers 409 and writes nothing. Errors are JSON with `error` (English) and `error_th` (Thai)."
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "token": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE }
            }
        },
        "security": [{ "token": [] }, { "session": [] }],
        "paths": paths,
    })
}

/// The OpenAPI 3.1 document of every endpoint, with schemas generated from the code.
pub fn openapi_document() -> Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(build).clone()
}

/// GET /api/v1/openapi.json
pub async fn openapi() -> Response {
    Json(openapi_document()).into_response()
}
