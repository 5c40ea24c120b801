#!/bin/sh
# The test servers' certificates (ImapsIntakeTest, MailReportsTest), made by the JDK's keytool; run here to make them again.
# server.p12 / server.pem: for 127.0.0.1 and localhost, what a mail server's certificate should name.
# elsewhere.p12 / elsewhere.pem: for mail.example.com only: a certificate the client trusts (given
#   with --trust-cert) shown by a server at 127.0.0.1, as an impostor between the teacher and the
#   real server would show one.
# server.p12 without --trust-cert is the certificate the client cannot verify (no authority signed it).
# Keystore password: changeit. Valid 100 years, so the tests do not expire.
set -e
rm -f server.p12 server.pem elsewhere.p12 elsewhere.pem
keytool -genkeypair -keystore server.p12 -storetype PKCS12 -storepass changeit -alias server -keyalg EC -groupname secp256r1 \
  -dname CN=127.0.0.1 -ext san=ip:127.0.0.1,dns:localhost -validity 36500
keytool -exportcert -rfc -keystore server.p12 -storepass changeit -alias server -file server.pem
keytool -genkeypair -keystore elsewhere.p12 -storetype PKCS12 -storepass changeit -alias server -keyalg EC -groupname secp256r1 \
  -dname CN=mail.example.com -ext san=dns:mail.example.com -validity 36500
keytool -exportcert -rfc -keystore elsewhere.p12 -storepass changeit -alias server -file elsewhere.pem
