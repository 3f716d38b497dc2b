/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`. Written by hand and
/// held true by the schemathesis suite, which fails on any response that does not match it.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {
            "title": "Amtsweg API",
            "version": "1.0.0",
            "description": "Open interface of Amtsweg, the digital administration platform for Thuringia. Errors are RFC 9457 problem documents whose type URIs start with urn:amtsweg:problem: (not-found, invalid-parameter, too-large, method-not-allowed, unsupported-media-type, malformed-json, validation, idempotency-key-reused, rate-limited, internal).",
            "license": {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"}
          },
          "servers": [{"url": "/api/v1"}],
          "paths": {
            "/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document",
                "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
              }
            },
            "/oauth/token": {
              "post": {
                "operationId": "getToken",
                "summary": "OAuth 2.0 client credentials (RFC 6749 § 4.4): an access token for the submission API",
                "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["grant_type"], "properties": {"grant_type": {"type": "string", "enum": ["client_credentials"]}, "client_id": {"type": "string"}, "client_secret": {"type": "string"}, "scope": {"type": "string"}}}}}},
                "responses": {
                  "200": {"description": "The token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}},
                  "400": {"description": "OAuth error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}},
                  "401": {"description": "Unknown client or wrong secret", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/forms": {
              "get": {
                "operationId": "listForms",
                "summary": "The online application forms (FIM schemas) and the services they serve",
                "responses": {
                  "200": {"description": "The forms", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FormList"}}}},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/forms/{id}/{version}/schema.json": {
              "get": {
                "operationId": "getFormSchema",
                "summary": "The JSON Schema (draft 2020-12) of a form's data, generated from its FIM schema",
                "parameters": [
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}},
                  {"name": "version", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 32}}
                ],
                "responses": {
                  "200": {"description": "The JSON Schema", "content": {"application/schema+json": {"schema": {"type": "object"}}}},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/attachments": {
              "post": {
                "operationId": "uploadAttachment",
                "summary": "Upload a file for a submission (PDF, JPEG or PNG, at most 10 MB); use its attachmentId in the data",
                "security": [{"clientCredentials": ["submissions:write"]}],
                "requestBody": {"required": true, "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}, "image/jpeg": {"schema": {"type": "string", "format": "binary"}}, "image/png": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                  "201": {"description": "Stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Attachment"}}}},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/submissions": {
              "post": {
                "operationId": "submitApplication",
                "summary": "Submit an application to a destination from the routing API (FIT-Connect-shaped metadata); stored durably before the answer",
                "security": [{"clientCredentials": ["submissions:write"]}],
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7E]+$"}, "description": "Retry safely: the same key and body return the first submission."}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubmissionInput"}}}},
                "responses": {
                  "201": {"description": "Accepted and stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubmissionStatus"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/submissions/{id}": {
              "get": {
                "operationId": "getSubmission",
                "summary": "Status and event history of a submission this client made",
                "security": [{"clientCredentials": ["submissions:read"]}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "responses": {
                  "200": {"description": "The status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubmissionStatus"}}}},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/regions": {
              "get": {
                "operationId": "listRegions",
                "summary": "Search Thuringia's municipalities by name (umlaut-tolerant), postcode, AGS or ARS",
                "parameters": [
                  {"name": "q", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 100}, "description": "Name, postcode, AGS or ARS. Without q, all municipalities in ARS order."},
                  {"$ref": "#/components/parameters/limit"},
                  {"$ref": "#/components/parameters/cursor"}
                ],
                "responses": {
                  "200": {"description": "A page of municipalities", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RegionPage"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/regions/{ars}": {
              "get": {
                "operationId": "getRegion",
                "summary": "One municipality with its containment chain and responsible authorities",
                "parameters": [{"name": "ars", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{12}$"}, "description": "12-digit Amtlicher Regionalschlüssel"}],
                "responses": {
                  "200": {"description": "The municipality", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RegionDetail"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/authorities": {
              "get": {
                "operationId": "listAuthorities",
                "summary": "Authorities (tenants), optionally those responsible for one municipality",
                "parameters": [
                  {"name": "ars", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^[0-9]{12}$"}, "description": "Only authorities whose area contains this municipality"},
                  {"$ref": "#/components/parameters/limit"},
                  {"$ref": "#/components/parameters/cursor"}
                ],
                "responses": {
                  "200": {"description": "A page of authorities", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuthorityPage"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/authorities/{id}": {
              "get": {
                "operationId": "getAuthority",
                "summary": "One authority",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,64}$"}}],
                "responses": {
                  "200": {"description": "The authority", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Authority"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/authorities/{id}/messages": {
              "get": {
                "operationId": "authorityInbox",
                "summary": "An authority's messages: sent and replies (its clerks and team leads; session cookie)",
                "security": [{"session": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "responses": {
                  "200": {"description": "Messages, newest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MessagePage"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              },
              "post": {
                "operationId": "sendMessage",
                "summary": "Send a message to a citizen's mailbox for this authority (its clerks and team leads; session cookie)",
                "security": [{"session": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MessageInput"}}}},
                "responses": {
                  "201": {"description": "Delivered to the mailbox", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Created"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/organisations/{org}/messages": {
              "get": {
                "operationId": "organisationMessages",
                "summary": "An organisation's mailbox (its members with the mailbox role; session cookie)",
                "security": [{"session": []}],
                "parameters": [{"name": "org", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "responses": {
                  "200": {"description": "Messages, newest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MessagePage"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/me/messages": {
              "get": {
                "operationId": "listMyMessages",
                "summary": "My mailbox (citizens; session cookie)",
                "security": [{"session": []}],
                "responses": {
                  "200": {"description": "Messages, newest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MessagePage"}}}},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/me/messages/{id}": {
              "get": {
                "operationId": "readMyMessage",
                "summary": "Read one message (marks it read: this counts for delivery)",
                "security": [{"session": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "responses": {
                  "200": {"description": "The message", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/me/messages/{id}/replies": {
              "post": {
                "operationId": "replyToMessage",
                "summary": "Reply to a message in my mailbox",
                "security": [{"session": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["body"], "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 5000, "pattern": "\\S"}}}}}},
                "responses": {
                  "201": {"description": "Reply stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Created"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "401": {"$ref": "#/components/responses/Problem401"},
                  "403": {"$ref": "#/components/responses/Problem403"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/services": {
              "get": {
                "operationId": "listServices",
                "summary": "Find services by the words people use; a place in the query (name or postcode) or ars adds the responsible authority",
                "parameters": [
                  {"name": "q", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 100}, "description": "e.g. 'Auto anmelden Jena'. Without q, every service in LeiKa order."},
                  {"name": "ars", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^[0-9]{12}$"}, "description": "Municipality for the responsible authority"},
                  {"name": "group", "in": "query", "required": false, "schema": {"type": "string", "enum": ["citizens", "companies"]}},
                  {"name": "lifeSituation", "in": "query", "required": false, "schema": {"type": "string", "enum": ["moving", "family", "vehicle", "work", "building", "identity", "social", "pets", "leisure", "death", "marriage", "education", "health"]}},
                  {"$ref": "#/components/parameters/limit"},
                  {"$ref": "#/components/parameters/cursor"}
                ],
                "responses": {
                  "200": {"description": "Matching services, best first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ServicePage"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/services/{leikaKey}": {
              "get": {
                "operationId": "getService",
                "summary": "One service by its LeiKa key",
                "parameters": [
                  {"name": "leikaKey", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{14}$"}},
                  {"name": "ars", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^[0-9]{12}$"}, "description": "Municipality for the responsible authority"}
                ],
                "responses": {
                  "200": {"description": "The service", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Service"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/routes": {
              "get": {
                "operationId": "route",
                "summary": "Who receives applications for a service in an area (FIT-Connect routing API 2.0 shape)",
                "description": "One route per responsible authority. destinationId is the id the submission API accepts; destinationSignature is a PS512 JWS over the addressing data, verifiable with /jwks. Give exactly one of ars and ags. An area outside Thuringia or an unknown service has no routes.",
                "parameters": [
                  {"name": "leikaKey", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^99\\d{12}$"}},
                  {"name": "ars", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^(\\d{2}|\\d{3}|\\d{5}|\\d{9}|\\d{12})$"}},
                  {"name": "ags", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^(\\d{2}|\\d{3}|\\d{5}|\\d{8})$"}},
                  {"name": "offset", "in": "query", "required": false, "schema": {"type": "integer", "format": "int32", "minimum": 0}},
                  {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 500}}
                ],
                "responses": {
                  "200": {"description": "The routes", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RouteResult"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/assistant": {
              "post": {
                "operationId": "askAssistant",
                "summary": "Ask a question about services; the answer quotes the catalogue and names its sources",
                "description": "Below the confidence threshold the answer is a hand-over to the Behördennummer 115 (kind handover). The question itself is not stored; only its catalogue words are logged.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssistantQuestion"}}}},
                "responses": {
                  "200": {"description": "The answer", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssistantAnswer"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/assistant/feedback": {
              "post": {
                "operationId": "rateAssistantAnswer",
                "summary": "Was this answer helpful? (once per answer)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssistantFeedback"}}}},
                "responses": {
                  "204": {"description": "Recorded"},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "409": {"description": "Already rated", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/jwks": {
              "get": {
                "operationId": "getKeys",
                "summary": "The platform's public signing keys (JWK set, also at /.well-known/jwks.json)",
                "responses": {
                  "200": {"description": "The key set", "content": {"application/jwk-set+json": {"schema": {"$ref": "#/components/schemas/JWKS"}}}},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/catalog": {
              "get": {
                "operationId": "exportCatalog",
                "summary": "The whole service catalogue as JSON (the format `amtsweg serve --catalog` and `amtsweg catalog check` read)",
                "responses": {
                  "200": {"description": "The catalogue", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogExport"}}}},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/rules/wohngeld/calculate": {
              "post": {
                "operationId": "calculateWohngeld",
                "summary": "Wohngeld (WoGG) for one household, with every value of the calculation and its norm",
                "description": "Nothing is stored. The Mietstufe is given or follows from the municipality (ars). Format: docs/rules/wohngeld.md.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WohngeldRequest"}}}},
                "responses": {
                  "200": {"description": "The result and its trace", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WohngeldResponse"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/notices/verify": {
              "post": {
                "operationId": "verifyNotice",
                "summary": "Is this PDF a genuine, unchanged notice? (seal over the whole file and the register of issued notices)",
                "requestBody": {"required": true, "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                  "200": {"description": "The verdict", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticeVerification"}}}},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/notices/{number}": {
              "get": {
                "operationId": "getNotice",
                "summary": "A notice in the register: issuing authority, date, SHA-256 of the sealed file",
                "parameters": [{"name": "number", "in": "path", "required": true, "schema": {"type": "string", "maxLength": 40}}],
                "responses": {
                  "200": {"description": "The notice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticeEntry"}}}},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/payments/webhooks/simulator": {
              "post": {
                "operationId": "receivePaymentWebhook",
                "summary": "A payment provider's signed event (the built-in simulator's scheme): verified (HMAC-SHA256 over \"<t>.<body>\", ±300 s), applied once per event id",
                "parameters": [{"name": "Amtsweg-Signature", "in": "header", "required": false, "schema": {"type": "string", "maxLength": 2048}, "description": "t=<unix seconds>,v1=<hex HMAC-SHA256>"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentEvent"}}}},
                "responses": {
                  "200": {"description": "Applied, already there, or a repeated event id (nothing changed)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentWebhookResult"}}}},
                  "400": {"description": "Signature header missing or malformed, or the body is not a payment event", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                  "401": {"description": "Signature invalid, or the event is too old (replay refused)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                  "404": {"$ref": "#/components/responses/Problem404"},
                  "409": {"description": "The payment's state refuses the event", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            },
            "/barrier-reports": {
              "post": {
                "operationId": "createBarrierReport",
                "summary": "Report an accessibility barrier (BITV 2.0 feedback mechanism)",
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[\\x21-\\x7E]+$"}, "description": "Repeat a request safely: the same key and body return the first answer."}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BarrierReportInput"}}}},
                "responses": {
                  "201": {"description": "Report stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BarrierReportCreated"}}}},
                  "400": {"$ref": "#/components/responses/Problem400"},
                  "413": {"$ref": "#/components/responses/Problem413"},
                  "415": {"$ref": "#/components/responses/Problem415"},
                  "422": {"$ref": "#/components/responses/Problem422"},
                  "429": {"$ref": "#/components/responses/Problem429"},
                  "500": {"$ref": "#/components/responses/Problem500"}
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "clientCredentials": {"type": "oauth2", "description": "Registered software (amtsweg clients); per-client scopes and allowed services", "flows": {"clientCredentials": {"tokenUrl": "/api/v1/oauth/token", "scopes": {"submissions:write": "submit applications and upload attachments", "submissions:read": "read the status of own submissions"}}}},
              "session": {"type": "apiKey", "in": "cookie", "name": "sid", "description": "The session cookie from logging in (eID, Test-eID in demo mode, or staff login)"}
            },
            "parameters": {
              "limit": {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
              "cursor": {"name": "cursor", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 200}, "description": "nextCursor of the previous page; opaque"}
            },
            "responses": {
              "Problem400": {"description": "Invalid parameter", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem401": {"description": "Not signed in", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem403": {"description": "Not allowed", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem404": {"description": "Not found", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem413": {"description": "Body too large", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem415": {"description": "Unsupported media type", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem422": {"description": "Validation failed", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem429": {"description": "Rate limit reached", "headers": {"Retry-After": {"schema": {"type": "string"}, "required": true}}, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Problem500": {"description": "Internal error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            },
            "schemas": {
              "NoticeVerification": {"type": "object", "required": ["genuine", "problems"], "properties": {"genuine": {"type": "boolean"}, "number": {"type": "string"}, "authorityId": {"type": "string"}, "issuedAt": {"type": "string"}, "signer": {"type": "string"}, "problems": {"type": "array", "items": {"type": "string"}}}},
              "NoticeEntry": {"type": "object", "required": ["number", "authorityId", "issuedAt", "sha256"], "properties": {"number": {"type": "string"}, "authorityId": {"type": "string"}, "issuedAt": {"type": "string"}, "sha256": {"type": "string"}}},
              "Decimal": {"type": "string", "pattern": "^-?[0-9]{1,12}(\\.[0-9]{1,10})?$", "description": "a decimal number as text (exact)"},
              "WohngeldMember": {"type": "object", "required": ["rolle"], "properties": {"rolle": {"type": "string", "enum": ["antragsteller", "partner", "kind", "sonstiges"]}, "alter": {"type": "integer", "minimum": 0, "maximum": 130}, "status": {"type": "string", "enum": ["beruecksichtigt", "ausgeschlossenTransferleistung", "ausgeschlossenSonstiges"]}, "jahreseinkommen": {"$ref": "#/components/schemas/Decimal"}, "zahltSteuern": {"type": "boolean"}, "zahltKrankenPflegeversicherung": {"type": "boolean"}, "zahltRentenversicherung": {"type": "boolean"}, "freibetraege": {"type": "array", "maxItems": 10, "items": {"type": "object", "required": ["art"], "properties": {"art": {"type": "string", "enum": ["schwerbehinderung", "nsVerfolgung", "erwerbseinnahmenKind", "grundrente"]}, "einnahmen": {"$ref": "#/components/schemas/Decimal"}, "renteMonatlich": {"$ref": "#/components/schemas/Decimal"}}}}}},
              "WohngeldRequest": {"type": "object", "required": ["stichtag", "wohnkosten", "mitglieder"], "properties": {"id": {"type": "string", "maxLength": 200}, "stichtag": {"type": "string", "format": "date"}, "mietstufe": {"type": "integer", "minimum": 1, "maximum": 7}, "ars": {"type": "string", "pattern": "^16[0-9]{10}$"}, "wohnkosten": {"type": "object", "required": ["art", "betrag"], "properties": {"art": {"type": "string", "enum": ["miete", "belastung"]}, "betrag": {"$ref": "#/components/schemas/Decimal"}}}, "mitglieder": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"$ref": "#/components/schemas/WohngeldMember"}}, "alleinerziehend": {"type": "boolean"}}},
              "WohngeldResponse": {"type": "object", "required": ["mietstufe", "mietstufeNorm", "betrag", "status", "begruendung", "trace"], "properties": {"id": {"type": "string"}, "mietstufe": {"type": "integer"}, "mietstufeNorm": {"type": "string"}, "betrag": {"type": "integer", "minimum": 0}, "status": {"type": "string", "enum": ["anspruch", "unterBagatellgrenze", "keinBetragNachFormel", "keineZuBeruecksichtigendenMitglieder", "keinParametersatz", "ungueltigeEingabe"]}, "begruendung": {"type": "string"}, "trace": {"type": "array", "items": {"type": "object", "required": ["key", "label", "value", "norm"], "properties": {"key": {"type": "string"}, "label": {"type": "string"}, "value": {"type": "string"}, "norm": {"type": "string"}, "mitglied": {"type": "integer"}}}}}},
              "Token": {"type": "object", "required": ["access_token", "token_type", "expires_in", "scope"], "properties": {"access_token": {"type": "string"}, "token_type": {"type": "string", "enum": ["Bearer"]}, "expires_in": {"type": "integer"}, "scope": {"type": "string"}}},
              "OAuthError": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}}},
              "FormList": {"type": "object", "required": ["forms"], "properties": {"forms": {"type": "array", "items": {"type": "object", "required": ["id", "version", "title", "leikaKeys", "schemaUri"], "properties": {"id": {"type": "string"}, "version": {"type": "string"}, "title": {"type": "string"}, "leikaKeys": {"type": "array", "items": {"type": "string"}}, "schemaUri": {"type": "string"}}}}}},
              "Attachment": {"type": "object", "required": ["attachmentId", "size", "hash"], "properties": {"attachmentId": {"type": "string"}, "size": {"type": "integer"}, "hash": {"type": "object", "required": ["type", "content"], "properties": {"type": {"type": "string", "enum": ["sha512"]}, "content": {"type": "string"}}}}},
              "SubmissionInput": {"type": "object", "required": ["destinationId", "ars", "metadata", "data"], "additionalProperties": false, "properties": {"destinationId": {"type": "string", "format": "uuid", "description": "From GET /routes"}, "ars": {"type": "string", "pattern": "^16[0-9]{10}$", "description": "The applicant's municipality"}, "metadata": {"type": "object", "description": "FIT-Connect metadata 1.0.0: contentStructure.data.hash (SHA-512 of the canonical data: sorted keys, no whitespace), contentStructure.data.submissionSchema.schemaUri (from GET /forms), contentStructure.attachments, publicServiceType.identifier urn:de:fim:leika:leistung:<LeiKa>"}, "data": {"type": "object", "description": "The application data, keyed by FIM element ids; validated against the form's JSON Schema and rules"}}},
              "SubmissionStatus": {"type": "object", "required": ["submissionId", "reference", "status", "submittedAt", "leikaKey", "ars", "destinationId", "contentHash", "events"], "properties": {"submissionId": {"type": "string"}, "reference": {"type": "string"}, "status": {"type": "string"}, "submittedAt": {"type": "string"}, "leikaKey": {"type": "string"}, "ars": {"type": "string"}, "destinationId": {"type": "string"}, "contentHash": {"type": "object"}, "events": {"type": "array", "items": {"type": "object", "required": ["seq", "at", "kind", "detail"], "properties": {"seq": {"type": "integer"}, "at": {"type": "string"}, "kind": {"type": "string"}, "detail": {"type": "string"}}}}}},
              "PaymentEvent": {"type": "object", "required": ["id", "type", "providerReference", "amount", "currency", "created"], "properties": {"id": {"type": "string"}, "type": {"type": "string", "enum": ["payment.succeeded", "payment.failed", "payment.cancelled", "refund.succeeded"]}, "providerReference": {"type": "string"}, "reference": {"type": "string"}, "amount": {"type": "integer", "description": "cents"}, "currency": {"type": "string", "enum": ["EUR"]}, "created": {"type": "string"}, "refundId": {"type": "string"}, "failureReason": {"type": "string"}}},
              "PaymentWebhookResult": {"type": "object", "required": ["result"], "properties": {"result": {"type": "string", "enum": ["applied", "unchanged", "duplicate"]}, "status": {"type": "string"}}},
              "Problem": {
                "type": "object", "required": ["type", "title", "status"],
                "properties": {
                  "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                  "detail": {"type": "string"}, "instance": {"type": "string"},
                  "errors": {"type": "array", "items": {"type": "object", "required": ["pointer", "detail"], "properties": {"pointer": {"type": "string"}, "detail": {"type": "string"}}}}
                }
              },
              "RegionRef": {
                "type": "object", "required": ["ars", "name", "type"],
                "properties": {"ars": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string", "enum": ["land", "landkreis", "kreisfreie-stadt", "verwaltungsgemeinschaft", "erfuellende-gemeinde", "gemeinde"]}}
              },
              "Region": {
                "type": "object", "required": ["ars", "ags", "name", "officialName", "type", "postcodes", "population", "kreis"],
                "properties": {
                  "ars": {"type": "string", "pattern": "^[0-9]{12}$"}, "ags": {"type": "string", "pattern": "^[0-9]{8}$"},
                  "name": {"type": "string"}, "officialName": {"type": "string"}, "type": {"type": "string", "enum": ["gemeinde"]},
                  "postcodes": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{5}$"}},
                  "population": {"type": "integer", "minimum": 0},
                  "kreis": {"$ref": "#/components/schemas/RegionRef"}, "verband": {"$ref": "#/components/schemas/RegionRef"}
                }
              },
              "RegionPage": {
                "type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Region"}}, "nextCursor": {"type": "string"}}
              },
              "RegionDetail": {
                "type": "object", "required": ["region", "containment", "authorities"],
                "properties": {
                  "region": {"$ref": "#/components/schemas/Region"},
                  "containment": {"type": "array", "items": {"$ref": "#/components/schemas/RegionRef"}},
                  "authorities": {"type": "array", "items": {"$ref": "#/components/schemas/Authority"}}
                }
              },
              "Authority": {
                "type": "object", "required": ["id", "name", "level", "servedArs", "address", "contact", "openingHours"],
                "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"},
                  "level": {"type": "string", "enum": ["land", "landkreis", "kreisfreie-stadt", "verwaltungsgemeinschaft", "erfuellende-gemeinde", "gemeinde"]},
                  "servedArs": {"type": "string", "pattern": "^[0-9]{2,12}$"},
                  "address": {"type": "object", "required": ["postcode", "locality"], "properties": {"street": {"type": "string"}, "postcode": {"type": "string"}, "locality": {"type": "string"}}},
                  "contact": {"type": "object", "properties": {"phone": {"type": "string"}, "email": {"type": "string"}, "website": {"type": "string"}}},
                  "openingHours": {"type": "array", "items": {"type": "string"}}
                }
              },
              "AuthorityPage": {
                "type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Authority"}}, "nextCursor": {"type": "string"}}
              },
              "Text": {
                "type": "object", "required": ["de"],
                "properties": {"de": {"type": "string"}, "en": {"type": "string"}, "ls": {"type": "string", "description": "Leichte Sprache"}}
              },
              "Fee": {
                "type": "object", "required": ["kind"],
                "properties": {
                  "kind": {"type": "string", "enum": ["free", "fixed", "range", "municipal", "unknown"]},
                  "amountCents": {"type": "integer"}, "minCents": {"type": "integer"}, "maxCents": {"type": "integer"},
                  "digitalDiscountCents": {"type": "integer", "description": "Fee when applying online"},
                  "note": {"$ref": "#/components/schemas/Text"}
                }
              },
              "Service": {
                "type": "object",
                "required": ["leika", "name", "summary", "description", "targetGroups", "lifeSituations", "documents", "fee", "legalBasis", "trustLevel", "ozgMaturity", "responsibility"],
                "properties": {
                  "leika": {"type": "string", "pattern": "^[0-9]{14}$"},
                  "name": {"$ref": "#/components/schemas/Text"}, "summary": {"$ref": "#/components/schemas/Text"},
                  "description": {"$ref": "#/components/schemas/Text"},
                  "targetGroups": {"type": "array", "items": {"type": "string", "enum": ["citizens", "companies"]}},
                  "lifeSituations": {"type": "array", "items": {"type": "string"}},
                  "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Text"}},
                  "fee": {"$ref": "#/components/schemas/Fee"},
                  "deadline": {"$ref": "#/components/schemas/Text"}, "processingTime": {"$ref": "#/components/schemas/Text"},
                  "legalBasis": {"type": "array", "items": {"type": "string"}},
                  "trustLevel": {"type": "string", "enum": ["low", "substantial", "high"]},
                  "ozgMaturity": {"type": "integer", "minimum": 0, "maximum": 4},
                  "responsibility": {"type": "string", "enum": ["gemeinde", "kreis", "land", "special"]},
                  "responsibleBody": {"$ref": "#/components/schemas/Text"},
                  "responsibleAuthority": {"$ref": "#/components/schemas/Authority"}
                }
              },
              "Message": {
                "type": "object", "required": ["id", "authorityId", "direction", "subject", "body", "createdAt"],
                "properties": {
                  "id": {"type": "string"}, "authorityId": {"type": "string"},
                  "direction": {"type": "string", "enum": ["in", "out"], "description": "in: from the authority; out: the citizen's reply"},
                  "subject": {"type": "string"}, "body": {"type": "string"}, "caseId": {"type": "string"},
                  "inReplyTo": {"type": "string"}, "createdAt": {"type": "string"}, "readAt": {"type": "string"},
                  "sentBy": {"type": "string", "description": "Account that wrote it: the clerk, the owner, or an agent acting with a mandate"}
                }
              },
              "MessagePage": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}}}},
              "MessageInput": {
                "type": "object", "required": ["recipientAccountId", "subject", "body"],
                "properties": {
                  "recipientAccountId": {"type": "string", "minLength": 1, "maxLength": 64},
                  "subject": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
                  "body": {"type": "string", "minLength": 1, "maxLength": 10000, "pattern": "\\S"},
                  "caseId": {"type": "string", "maxLength": 64},
                  "attachments": {"type": "array", "maxItems": 5, "items": {
                    "type": "object", "required": ["filename", "mediaType", "contentBase64"],
                    "properties": {
                      "filename": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^/\\\\]+$"},
                      "mediaType": {"type": "string", "enum": ["application/pdf", "image/png", "image/jpeg", "text/plain"]},
                      "contentBase64": {"type": "string", "minLength": 4, "format": "byte", "description": "At most 10 MB decoded; scanned for viruses"}
                    }
                  }}
                }
              },
              "Created": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
              "AssistantQuestion": {
                "type": "object", "required": ["question"],
                "properties": {
                  "question": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"},
                  "language": {"type": "string", "enum": ["de", "en", "ls"], "default": "de"},
                  "ars": {"type": "string", "pattern": "^[0-9]{12}$", "description": "The asker's municipality, for the responsible authority"}
                }
              },
              "AssistantAnswer": {
                "type": "object", "required": ["id", "kind", "confidence", "statements", "services"],
                "properties": {
                  "id": {"type": "string", "description": "For the feedback"},
                  "kind": {"type": "string", "enum": ["service", "faq", "handover"]},
                  "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                  "statements": {"type": "array", "items": {
                    "type": "object", "required": ["text", "source"],
                    "properties": {"text": {"type": "string"}, "source": {"type": "object", "required": ["title", "url"], "properties": {"title": {"type": "string"}, "url": {"type": "string"}}}}
                  }},
                  "services": {"type": "array", "items": {"type": "object", "required": ["leika", "name", "url"], "properties": {"leika": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}}}},
                  "place": {"$ref": "#/components/schemas/RegionRef"},
                  "handover": {"type": "object", "required": ["phone"], "properties": {"phone": {"type": "string"}, "authority": {"$ref": "#/components/schemas/Authority"}}}
                }
              },
              "AssistantFeedback": {
                "type": "object", "required": ["id", "helpful"],
                "properties": {"id": {"type": "string", "minLength": 1, "maxLength": 64}, "helpful": {"type": "boolean"}}
              },
              "RouteResult": {
                "type": "object", "required": ["count", "offset", "totalCount", "routes"],
                "properties": {
                  "count": {"type": "integer", "minimum": 0, "maximum": 500}, "offset": {"type": "integer", "minimum": 0},
                  "totalCount": {"type": "integer", "minimum": 0},
                  "routes": {"type": "array", "maxItems": 500, "items": {"$ref": "#/components/schemas/Route"}}
                }
              },
              "Route": {
                "type": "object", "required": ["destinationId", "destinationSignature"],
                "properties": {
                  "destinationId": {"type": "string", "format": "uuid"},
                  "destinationSignature": {"type": "string", "pattern": "^[a-zA-Z0-9\\-_]+?\\.[a-zA-Z0-9\\-_]+?\\.[a-zA-Z0-9\\-_]+$"},
                  "destinationName": {"type": "string"}, "destinationShortName": {"type": "string"},
                  "contactPersons": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {"name": {"type": "string"}, "tel": {"type": "string"}, "email": {"type": "string"}}}},
                  "address": {"type": "object", "properties": {"street": {"type": "string"}, "houseNumber": {"type": "string"}, "zip": {"type": "string"}, "city": {"type": "string"}}},
                  "contactFormUrl": {"type": "string", "pattern": "^https://.+"},
                  "furtherInformation": {"$ref": "#/components/schemas/HTMLText"},
                  "requiredDocuments": {"$ref": "#/components/schemas/HTMLText"},
                  "legalBasis": {"$ref": "#/components/schemas/HTMLText"},
                  "deadline": {"$ref": "#/components/schemas/HTMLText"},
                  "origin": {"type": "string"}
                }
              },
              "HTMLText": {
                "type": "object",
                "properties": {"description": {"type": "object", "additionalProperties": {"type": "string"}}}
              },
              "JWKS": {
                "type": "object", "required": ["keys"],
                "properties": {
                  "keys": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["kty", "key_ops", "alg", "x5c", "kid", "n", "e"],
                    "properties": {
                      "kty": {"type": "string", "enum": ["RSA"]},
                      "key_ops": {"type": "array", "items": {"type": "string", "enum": ["verify", "wrapKey"]}},
                      "alg": {"type": "string", "enum": ["PS512", "RSA-OAEP-256"]},
                      "x5c": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                      "kid": {"type": "string", "minLength": 8, "maxLength": 64},
                      "n": {"type": "string", "minLength": 683}, "e": {"type": "string", "enum": ["AQAB"]}
                    }
                  }}
                }
              },
              "CatalogExport": {
                "type": "object", "required": ["version", "services"],
                "properties": {
                  "version": {"type": "integer", "enum": [1]},
                  "services": {"type": "array", "items": {"type": "object", "required": ["leika", "name", "responsibility", "fee"], "properties": {"leika": {"type": "string", "pattern": "^[0-9]{14}$"}}}}
                }
              },
              "ServiceSummary": {
                "type": "object", "required": ["leika", "name", "summary", "targetGroups", "responsibility"],
                "properties": {
                  "leika": {"type": "string", "pattern": "^[0-9]{14}$"},
                  "name": {"$ref": "#/components/schemas/Text"}, "summary": {"$ref": "#/components/schemas/Text"},
                  "targetGroups": {"type": "array", "items": {"type": "string", "enum": ["citizens", "companies"]}},
                  "responsibility": {"type": "string", "enum": ["gemeinde", "kreis", "land", "special"]},
                  "responsibleAuthority": {"$ref": "#/components/schemas/Authority"}
                }
              },
              "ServicePage": {
                "type": "object", "required": ["items"],
                "properties": {
                  "items": {"type": "array", "items": {"$ref": "#/components/schemas/ServiceSummary"}},
                  "place": {"$ref": "#/components/schemas/RegionRef"},
                  "placeCandidates": {"type": "array", "items": {"$ref": "#/components/schemas/RegionRef"}},
                  "nextCursor": {"type": "string"}
                }
              },
              "BarrierReportInput": {
                "type": "object", "required": ["message"],
                "properties": {
                  "page": {"type": "string", "maxLength": 500, "nullable": true, "description": "Where the barrier is"},
                  "message": {"type": "string", "maxLength": 5000, "pattern": "\\S", "description": "What the barrier is"},
                  "contactEmail": {"type": "string", "maxLength": 254, "nullable": true, "pattern": "^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", "description": "Only if an answer is wanted"}
                }
              },
              "BarrierReportCreated": {
                "type": "object", "required": ["id", "createdAt", "deleteAfter"],
                "properties": {"id": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}, "deleteAfter": {"type": "string", "format": "date-time"}}
              }
            }
          }
        }
        """#
}
