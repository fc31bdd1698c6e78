"""Encryption at rest (SQLCipher) and the recovery code; see README, "Where the data lives".

With a 开机密码 the data file and every copy of it (backups, pre-migration and safety copies) are SQLCipher files
whose first 16 bytes are their salt; the 32-byte key is ``scrypt(password, salt)``, and every connection opens
the file with that raw key (no key derivation per connection). So the password alone opens any copy: nothing
beside the file is needed. The recovery code is a second way in: a small SQLCipher file ``<file>.key`` beside
the data file and beside each backup holds the key, encrypted with the code; the code itself is kept inside
the (encrypted) data, so that the program can write the ``.key`` file again whenever it is missing.
"""
