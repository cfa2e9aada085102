/* test_text.c: the runtime's text checks: UTF-8 validity and length in code points, and every
 * string format of APIGEN_FORMATS (RFC 3339, RFC 5321, RFC 4122, RFC 3986, E.164). */

#include "fixtures.h"

#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- UTF-8 ---- */

static void utf8_validity(void)
{
    CHECK(apigen_utf8_valid("plain ascii, long enough for words", 34));
    CHECK(apigen_utf8_valid("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9));
    CHECK(apigen_utf8_valid("\xF4\x8F\xBF\xBF", 4));  /* U+10FFFF */
    CHECK(!apigen_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    CHECK(!apigen_utf8_valid("\xC0\xAF", 2));         /* overlong */
    CHECK(!apigen_utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
    CHECK(!apigen_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    CHECK(!apigen_utf8_valid("\xE2\x82", 2));         /* truncated */
    CHECK(!apigen_utf8_valid("abcdefgh\x80", 9));     /* lone continuation after a fast run */
    CHECK(!apigen_utf8_valid("\xFF", 1));
}

static void utf8_length_counts_code_points(void)
{
    CHECK(apigen_utf8_length("\xF0\x9F\x98\x80", 4) == 1);
    CHECK(apigen_utf8_length("a\xC3\xA9\xE2\x82\xAC", 6) == 3);
    CHECK(apigen_utf8_length("", 0) == 0);
}

/* --------------------------------------------------------------- formats ---- */

static void check_formats(apigen_format f, const char *const *ok, size_t n_ok,
                          const char *const *bad, size_t n_bad)
{
    for (size_t i = 0; i < n_ok; i++) {
        if (!apigen_format_check(f, ok[i])) {
            fprintf(stderr, "  %s rejected: %s\n", apigen_format_name(f), ok[i]);
            CHECK(false);
        }
    }
    for (size_t i = 0; i < n_bad; i++) {
        if (apigen_format_check(f, bad[i])) {
            fprintf(stderr, "  %s accepted: %s\n", apigen_format_name(f), bad[i]);
            CHECK(false);
        }
    }
}

#define CHECK_FORMATS(f, ok, bad)                                                                  \
    check_formats(f, ok, sizeof ok / sizeof ok[0], bad, sizeof bad / sizeof bad[0])

static void format_date_time_rfc3339_real_calendar(void)
{
    static const char *const ok[] = {"2019-08-24T14:15:22Z",        "2019-08-24T14:15:22.123456Z",
                                     "2019-08-24T14:15:22+05:30",   "2019-08-24t14:15:22z",
                                     "2020-02-29T00:00:00Z",        "1998-12-31T23:59:60Z",
                                     "1998-12-31T15:59:60.5-08:00", "0001-01-01T00:00:00-23:59"};
    static const char *const bad[] = {"2019-02-29T00:00:00Z",      "2019-13-01T00:00:00Z",
                                      "2019-08-24T24:00:00Z",      "2019-08-24T14:60:00Z",
                                      "2019-08-24T14:15:61Z",      "1998-12-31T23:58:60Z",
                                      "2019-08-24T14:15:22",       "2019-08-24 14:15:22Z",
                                      "2019-08-24T14:15:22+0530",  "2019-08-24T14:15:22.Z",
                                      "2019-8-24T14:15:22Z",       "2019-08-24T14:15:22Z\n",
                                      "2019-08-24T14:15:22+24:00", ""};
    CHECK_FORMATS(APIGEN_FORMAT_DATE_TIME, ok, bad);
}

static void format_date_full_date(void)
{
    static const char *const ok[] = {"2020-02-29", "2000-02-29", "2021-12-31", "0400-02-29"};
    static const char *const bad[] = {"2019-02-29",  "1900-02-29",       "2021-04-31",
                                      "2021-00-10",  "2021-13-01",       "2021-01-00",
                                      "20210101",    "2021-1-01",        "2021-01-01T00:00:00Z",
                                      " 2021-01-01", "2021-01-0\xD9\xA1"};
    CHECK_FORMATS(APIGEN_FORMAT_DATE, ok, bad);
}

static void format_time_full_time(void)
{
    static const char *const ok[] = {"14:15:22Z", "00:00:00.000001+01:00", "23:59:60Z",
                                     "08:30:06-05:00"};
    static const char *const bad[] = {"14:15:22",      "24:00:00Z", "14:15Z",
                                      "14:15:22+1:00", "12:00:60Z", "14:15:22 Z"};
    CHECK_FORMATS(APIGEN_FORMAT_TIME, ok, bad);
}

static void format_email_addr_spec(void)
{
    static const char *const ok[] = {"joe.bloggs@example.com",     "te~st@example.com",
                                     "\"joe bloggs\"@example.com", "joe.bloggs@[127.0.0.1]",
                                     "joe.bloggs@[IPv6:::1]",      "a+b@sub-domain.example.co"};
    static const char *const bad[] = {"2962",
                                      ".test@example.com",
                                      "test.@example.com",
                                      "te..st@example.com",
                                      "joe.bloggs@invalid=domain.com",
                                      "joe.bloggs@[127.0.0.300]",
                                      "user1@oceania.org, user2@oceania.org",
                                      "@example.com",
                                      "joe.bloggs@",
                                      "joe bloggs@example.com",
                                      "joe@localhost",
                                      "joe@-example.com",
                                      "j\xC3\xB6@example.com"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

/* RFC 5321 4.1.3 address literals, rule by rule. */
static void format_email_address_literals_rfc5321(void)
{
    static const char *const ok[] = {
        /* IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT, 0-255, leading zeros allowed */
        "a@[192.0.2.1]", "a@[0.0.0.0]", "a@[255.255.255.255]", "a@[010.001.000.099]",
        "a@[00.0.000.7]",
        /* IPv6-address-literal = "IPv6:" IPv6-addr; the tag is an ABNF quoted string, so
         * case-insensitive (RFC 5234 2.3) */
        "a@[IPv6:2001:db8::1]", "a@[ipv6:2001:db8::1]", "a@[IPV6:2001:db8::1]", "a@[iPv6:::1]",
        /* IPv6-full = IPv6-hex 7(":" IPv6-hex); IPv6-hex = 1*4HEXDIG, either case (RFC 5234) */
        "a@[IPv6:2001:0db8:0000:0000:0000:ff00:0042:8329]", "a@[IPv6:1:2:3:4:5:6:7:8]",
        "a@[IPv6:ABCD:abcd:AbCd:0:0:0:0:1]",
        /* IPv6-comp: at most 6 groups beside "::", on either side */
        "a@[IPv6:::]", "a@[IPv6:1::]", "a@[IPv6:1:2:3:4:5:6::]", "a@[IPv6:::1:2:3:4:5:6]",
        "a@[IPv6:1:2:3::4:5:6]",
        /* IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal (Snum: leading zeros) */
        "a@[IPv6:1:2:3:4:5:6:192.0.2.1]", "a@[IPv6:1:2:3:4:5:6:192.000.002.001]",
        /* IPv6v4-comp: at most 4 groups beside "::" and the IPv4 address */
        "a@[IPv6:::192.0.2.1]", "a@[IPv6:::ffff:192.0.2.1]", "a@[IPv6:1:2::3:4:192.0.2.1]",
        "a@[IPv6:1:2:3:4::192.0.2.1]", "a@[IPv6:::1:2:3:4:192.0.2.1]"};
    static const char *const bad[] = {
        /* Snum: 1 to 3 digits, at most 255, exactly four of them */
        "a@[256.0.0.1]", "a@[1.2.3]", "a@[1.2.3.4.5]", "a@[1.2.3.0004]", "a@[1..2.3]",
        "a@[1.2.3.4.]", "a@[.1.2.3.4]", "a@[1.2.3.-4]", "a@[1.2.3.a]", "a@[ 1.2.3.4]", "a@[]",
        "a@[192.0.2.1", "a@192.0.2.1]",
        /* IPv6: the tag is needed; IPv6-hex is 1 to 4 hex digits */
        "a@[2001:db8::1]", "a@[IPv6 2001:db8::1]", "a@[IPv6:]", "a@[IPv6:12345::]", "a@[IPv6:g::1]",
        "a@[IPv6:1:2:3:4:5:6:7]", "a@[IPv6:1:2:3:4:5:6:7:8:9]",
        /* IPv6-comp: one "::", and it stands for at least two groups (so 7 written are too many) */
        "a@[IPv6:1::2::3]", "a@[IPv6:1:2:3:4:5:6:7::]", "a@[IPv6:::1:2:3:4:5:6:7]",
        "a@[IPv6:1:2:3:4::5:6:7]", "a@[IPv6::::1]", "a@[IPv6:1:::2]", "a@[IPv6::1]", "a@[IPv6:1:]",
        /* IPv6v4-full needs exactly 6 groups; IPv6v4-comp at most 4 beside "::" */
        "a@[IPv6:1:2:3:4:5:192.0.2.1]", "a@[IPv6:1:2:3:4:5:6:7:192.0.2.1]",
        "a@[IPv6:1:2:3:4:5::192.0.2.1]", "a@[IPv6:::1:2:3:4:5:192.0.2.1]",
        "a@[IPv6:1:2:3:4:5:6:256.0.2.1]", "a@[IPv6:192.0.2.1::1]",
        /* General-address-literal: the Standardized-tag must be registered with IANA, and IPv6
         * is the only one; dcontent excludes "[", "\" and "]" anyway */
        "a@[tag:content]", "a@[IPv4:192.0.2.1]", "a@[x:[y]]"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

/* RFC 5321 4.1.2 Local-part and Domain, RFC 5322 3.2.3 atext, RFC 5321 4.5.3.1 lengths. */
static void format_email_local_part_and_domain_rfc5321(void)
{
    static const char *const ok[] = {
        /* Dot-string = Atom *("." Atom); Atom = 1*atext: letters, digits and !#$%&'*+-/=?^_`{|}~ */
        "a@example.com", "a.b.c@example.com", "!#$%&'*+-/=?^_`{|}~@example.com", "0@example.com",
        "A.Z@example.com",
        /* Quoted-string = DQUOTE *QcontentSMTP DQUOTE: printable ASCII and space; '"' and '\'
         * only as quoted-pairSMTP ("\" %d32-126) */
        "\"\"@example.com", "\" \"@example.com", "\"a..b\"@example.com", "\"a@b\"@example.com",
        "\"a\\\"b\"@example.com", "\"a\\\\b\"@example.com", "\"\\ \"@example.com",
        "\"(comment)\"@example.com",
        /* Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] */
        "a@b.c", "a@1.2", "a@a-b.c-d.e", "a@xn--bcher-kva.example", "a@EXAMPLE.COM",
        /* Local-part at most 64 octets (4.5.3.1.1); labels at most 63, the domain 255 (4.5.3.1.2);
         * 4.5.3.1.3's 256-octet path is the SMTP envelope's limit, not the Mailbox grammar's */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@"
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        /* the domain 254 and 255 octets: RFC 5321 4.5.3.1.2 allows 255, not only RFC 1035's 253 */
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"};
    static const char *const bad[] = {
        /* Atom: no empty atom, so no leading, trailing or double dot */
        ".a@example.com", "a.@example.com", "a..b@example.com", "@example.com",
        /* characters outside atext: specials, space, controls, non-ASCII (that is idn-email) */
        "a b@example.com", "a(b)@example.com", "a,b@example.com", "a:b@example.com",
        "a;b@example.com", "a<b@example.com", "a[b]@example.com", "a\\b@example.com",
        "a\"b@example.com", "a\tb@example.com", "\xC3\xA4@example.com",
        /* no RFC 5322 comments or folding white space in a Mailbox */
        "(c)a@example.com", "a(c)@example.com", "a@(c)example.com", " a@example.com",
        "a@example.com ",
        /* Quoted-string: closed, no bare '"' or '\' inside, nothing but printable ASCII and space,
         * and nothing after it but "@" */
        "\"a@example.com", "\"a\"b\"@example.com", "\"a\\\"@example.com", "\"a\tb\"@example.com",
        "\"a\"\"b\"@example.com", "\"a\".b@example.com", "\"\xC3\xA4\"@example.com",
        /* Domain: Let-dig at both ends of a label, no empty label, no other characters, one
         * label alone is not fully qualified (2.3.5) */
        "a@", "a@-b.com", "a@b-.com", "a@b..com", "a@.b.com", "a@b.com.", "a@b_c.com", "a@b.c=d",
        "a@localhost", "a@b@c.com",
        /* lengths: local part 65 octets; label 64 octets; domain 256 octets (RFC 5321
         * 4.5.3.1.2 allows 255) */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.b"};
    CHECK_FORMATS(APIGEN_FORMAT_EMAIL, ok, bad);
}

static void format_uuid_8_4_4_4_12(void)
{
    static const char *const ok[] = {"2EB8AA08-AA98-11EA-B4AA-73B441D16380",
                                     "00000000-0000-0000-0000-000000000000",
                                     "98d80576-482e-427f-8434-7f86890ab222"};
    static const char *const bad[] = {
        "2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08aa9811eab4aa73b441d16380",
        "2eb8aa08-aa98-11ea-b4ga-73b441d16380", "urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380",
        "2eb8aa0-8aa98-11e-ab4aa7-3b441d16380"};
    CHECK_FORMATS(APIGEN_FORMAT_UUID, ok, bad);
}

static void format_uri_absolute(void)
{
    static const char *const ok[] = {"http://foo.bar/?baz=qux#quux",
                                     "https://example.com:8443/a%20b",
                                     "ldap://[2001:db8::7]/c=GB?objectClass?one",
                                     "mailto:John.Doe@example.com",
                                     "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
                                     "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
                                     "tel:+1-816-555-1212"};
    static const char *const bad[] = {"//foo.bar/?baz=qux#quux",
                                      "/abc",
                                      "abc",
                                      "http:// shouldfail.com",
                                      "bar,baz:foo",
                                      "https://[@example.org/test.txt",
                                      "https://example.org/foobar\xC2\xAE.txt",
                                      "https://example.org/foo\\bar",
                                      "http://example.com/%6G",
                                      "http://example.com:abc/path",
                                      "http://[::ffff:01.2.3.4]",
                                      "http:/[::1]",
                                      "1http://example.com"};
    CHECK_FORMATS(APIGEN_FORMAT_URI, ok, bad);
}

static void format_e164_phone(void)
{
    static const char *const ok[] = {"+14155552671", "+442071838750", "+12", "+123456789012345"};
    static const char *const bad[] = {"14155552671", "+0123",  "+1", "+1234567890123456",
                                      "+1 415 555",  "+1-415", "+",  ""};
    CHECK_FORMATS(APIGEN_FORMAT_E164, ok, bad);
}

static void format_none_accepts_anything_and_names_are_spec_names(void)
{
    CHECK(apigen_format_check(APIGEN_FORMAT_NONE, "anything"));
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_DATE_TIME), "date-time");
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_E164), "e164");
    CHECK_STR(apigen_code_name(APIGEN_E_MIN_LENGTH), "minLength");
    CHECK_STR(apigen_code_name(APIGEN_E_ADDITIONAL), "additionalProperties");
}

/* One valid and one invalid value for every row of APIGEN_FORMATS, in table order. A row added
 * to the table without samples here fails to compile (the assertion below); a row whose check
 * function accepts anything, or whose name is not the spec's, fails the test. */
static const struct {
    apigen_format format;
    const char *name, *ok, *bad;
} FORMAT_SAMPLES[] = {
    {APIGEN_FORMAT_EMAIL, "email", "a@example.com", "a@"},
    {APIGEN_FORMAT_DATE_TIME, "date-time", "2019-08-24T14:15:22Z", "2019-08-24"},
    {APIGEN_FORMAT_DATE, "date", "2019-08-24", "2019-02-29"},
    {APIGEN_FORMAT_TIME, "time", "14:15:22Z", "14:15:22"},
    {APIGEN_FORMAT_UUID, "uuid", "98d80576-482e-427f-8434-7f86890ab222", "98d80576"},
    {APIGEN_FORMAT_URI, "uri", "https://example.com/", "/relative"},
    {APIGEN_FORMAT_E164, "e164", "+14155552671", "14155552671"},
    {APIGEN_FORMAT_IPV4, "ipv4", "192.168.0.1", "192.168.0.01"},
    {APIGEN_FORMAT_IPV6, "ipv6", "2001:db8::192.0.2.1", "2001:db8:::1"},
};
_Static_assert(sizeof FORMAT_SAMPLES / sizeof *FORMAT_SAMPLES == APIGEN_FORMAT_END - 1,
               "every format of APIGEN_FORMATS needs samples in FORMAT_SAMPLES");

static void every_format_of_the_table_is_named_and_checks_something(void)
{
    size_t row = 0;
#define FORMAT_ROW(id, spec_name, check)                                                           \
    CHECK(FORMAT_SAMPLES[row].format == APIGEN_FORMAT_##id);                                       \
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_##id), spec_name);                                  \
    row++;
    APIGEN_FORMATS(FORMAT_ROW)
#undef FORMAT_ROW
    for (size_t i = 0; i < sizeof FORMAT_SAMPLES / sizeof *FORMAT_SAMPLES; i++) {
        apigen_format f = FORMAT_SAMPLES[i].format;
        CHECK_STR(apigen_format_name(f), FORMAT_SAMPLES[i].name);
        CHECK(apigen_format_check(f, FORMAT_SAMPLES[i].ok));
        CHECK(!apigen_format_check(f, FORMAT_SAMPLES[i].bad));
        CHECK(!apigen_format_check(f, ""));
        CHECK(!apigen_format_check(f, NULL));
    }
    CHECK_STR(apigen_format_name(APIGEN_FORMAT_END), "unknown");
    CHECK(!apigen_format_check(APIGEN_FORMAT_END, "x"));
}

/* --format NAME: for format_oracle.py, the verdict (0 or 1 a line) of format NAME on each
 * line of standard input, a string written in hexadecimal (so newlines and any byte but NUL
 * can be tried). Returns 2 for an unknown format or a line that is not hexadecimal. */
static int print_format_verdicts(const char *name)
{
    apigen_format f = APIGEN_FORMAT_NONE;
    for (int i = APIGEN_FORMAT_NONE + 1; i < APIGEN_FORMAT_END; i++)
        if (strcmp(apigen_format_name((apigen_format)i), name) == 0)
            f = (apigen_format)i;
    if (f == APIGEN_FORMAT_NONE)
        return 2;
    char line[4096], text[2048];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strcspn(line, "\n"), len = 0;
        if (n % 2 != 0 || n / 2 >= sizeof text)
            return 2;
        for (size_t i = 0; i < n; i += 2) {
            unsigned byte;
            if (sscanf(line + i, "%2x", &byte) != 1)
                return 2;
            text[len++] = (char)byte;
        }
        text[len] = '\0';
        puts(apigen_format_check(f, text) ? "1" : "0");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--format") == 0)
        return print_format_verdicts(argv[2]);
    RUN_TEST(utf8_validity);
    RUN_TEST(utf8_length_counts_code_points);
    RUN_TEST(format_date_time_rfc3339_real_calendar);
    RUN_TEST(format_date_full_date);
    RUN_TEST(format_time_full_time);
    RUN_TEST(format_email_addr_spec);
    RUN_TEST(format_email_address_literals_rfc5321);
    RUN_TEST(format_email_local_part_and_domain_rfc5321);
    RUN_TEST(format_uuid_8_4_4_4_12);
    RUN_TEST(every_format_of_the_table_is_named_and_checks_something);
    RUN_TEST(format_uri_absolute);
    RUN_TEST(format_e164_phone);
    RUN_TEST(format_none_accepts_anything_and_names_are_spec_names);
    return fixtures_summary();
}
