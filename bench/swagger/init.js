// Operations open, so "Try it out" is one click away, as a person would set it.
window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger', deepLinking: false, docExpansion: 'full' });
