package accounts

import (
	"crypto/rand"
	"math/big"
)

// randomString returns n characters drawn uniformly from alphabet.
func randomString(alphabet string, n int) string {
	out := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range out {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// temporaryPassword is given by an administrator and must be changed at the next login.
func temporaryPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	s := randomString(alphabet, 16)
	return s[:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:]
}
