-- +goose Up
-- zajedno_fold makes names comparable across scripts and diacritics: lower case, Serbian
-- Cyrillic to Latin, and Latin without diacritics, so that Петровић, Petrović and Petrovic, or
-- Ђорђевић, Đorđević and Djordjevic, fold to the same text.
-- +goose StatementBegin
CREATE FUNCTION zajedno_fold(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT translate(
        replace(replace(replace(replace(replace(replace(lower(s),
            'љ', 'lj'), 'њ', 'nj'), 'џ', 'dz'), 'ђ', 'dj'), 'đ', 'dj'), 'dž', 'dz'),
        'абвгдежзијклмнопрстћуфхцчшćčšž',
        'abvgdezzijklmnoprstcufhccsccsz')
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION zajedno_fold(text);
