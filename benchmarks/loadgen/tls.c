/*
 * wss:// through OpenSSL, when the tool is built with -DWSLOAD_TLS (build.sh does so when
 * OpenSSL's headers are installed). The server's certificate is not verified: the benchmarks
 * talk to their own echo server on loopback with a certificate made for the run.
 */
#include "wsload.h"

#ifdef WSLOAD_TLS

#include <openssl/err.h>
#include <openssl/ssl.h>

static SSL_CTX *context;
static char last_error[256];

bool tls_available(void)
{
    return true;
}

bool tls_init(void)
{
    context = SSL_CTX_new(TLS_client_method());
    if (context == NULL) {
        return false;
    }
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return true;
}

void *tls_new(int fd)
{
    SSL *ssl = SSL_new(context);
    if (ssl != NULL && SSL_set_fd(ssl, fd) != 1) {
        SSL_free(ssl);
        return NULL;
    }
    return ssl;
}

void tls_free(void *session)
{
    SSL_free(session);
}

static enum io_result result_of(SSL *ssl, int ret)
{
    switch (SSL_get_error(ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        return IO_WANT_READ;
    case SSL_ERROR_WANT_WRITE:
        return IO_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN:
        return IO_EOF;
    default:
        ERR_error_string_n(ERR_get_error(), last_error, sizeof last_error);
        ERR_clear_error();
        return IO_ERROR;
    }
}

enum io_result tls_handshake(void *session)
{
    int ret = SSL_connect(session);
    return ret == 1 ? IO_DONE : result_of(session, ret);
}

enum io_result tls_read(void *session, void *buf, size_t len, size_t *count)
{
    int ret = SSL_read_ex(session, buf, len, count);
    return ret == 1 ? IO_DONE : result_of(session, ret);
}

enum io_result tls_write(void *session, const void *buf, size_t len, size_t *count)
{
    int ret = SSL_write_ex(session, buf, len, count);
    return ret == 1 ? IO_DONE : result_of(session, ret);
}

const char *tls_last_error(void)
{
    return last_error;
}

#else /* built without OpenSSL */

bool tls_available(void)
{
    return false;
}

bool tls_init(void)
{
    return false;
}

void *tls_new(int fd)
{
    (void) fd;
    return NULL;
}

void tls_free(void *session)
{
    (void) session;
}

enum io_result tls_handshake(void *session)
{
    (void) session;
    return IO_ERROR;
}

enum io_result tls_read(void *session, void *buf, size_t len, size_t *count)
{
    (void) session, (void) buf, (void) len, (void) count;
    return IO_ERROR;
}

enum io_result tls_write(void *session, const void *buf, size_t len, size_t *count)
{
    (void) session, (void) buf, (void) len, (void) count;
    return IO_ERROR;
}

const char *tls_last_error(void)
{
    return "built without TLS";
}

#endif
