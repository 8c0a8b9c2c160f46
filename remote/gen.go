package remote

//go:generate go run ./internal/clientgen
