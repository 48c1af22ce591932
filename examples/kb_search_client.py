#!/usr/bin/env python3
"""KB-10: search the 12345 knowledge base from a third-party system (docs/API-kb.md).

    python3 examples/kb_search_client.py --url http://localhost:8069 --token "$TOKEN" "社保卡 或 异地就医"

Prints one line per result: title, directory and the snippet with the matched words in [brackets].
Standard library only.
"""
import argparse
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


def search(url, token, query, limit=10, directory_id=None, order='relevance'):
    params = {'q': query, 'limit': limit, 'order': order}
    if directory_id:
        params['directory_id'] = directory_id
    request = urllib.request.Request(
        '%s/hotline/kb/api/search?%s' % (url.rstrip('/'), urllib.parse.urlencode(params)),
        headers={'Authorization': 'Bearer %s' % token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode('utf-8'))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--token', required=True)
    parser.add_argument('--limit', type=int, default=10)
    parser.add_argument('query')
    args = parser.parse_args()
    try:
        data = search(args.url, args.token, args.query, args.limit)
    except urllib.error.HTTPError as error:
        body = json.loads(error.read().decode('utf-8') or '{}')
        print('HTTP %s: %s' % (error.code, body.get('message')), file=sys.stderr)
        return 1
    for result in data['results']:
        snippet = re.sub(r'</?mark>', lambda m: ']' if m.group(0)[1] == '/' else '[',
                         result['snippet'])
        print('%s | %s | %s' % (result['title'], result['directory'], snippet))
    return 0


if __name__ == '__main__':
    sys.exit(main())
