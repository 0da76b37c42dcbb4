API_PREFIX = "/api/v1/"


class ReadOnlyCorsMiddleware:
    """CORS for the public API, read-only: any site may GET /api/v1/; nothing else is opened cross-origin.

    Writes need a session (same origin, CSRF) or a key sent by a server, so browsers elsewhere cannot write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response
