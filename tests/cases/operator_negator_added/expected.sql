ALTER OPERATOR public.!==(text,text) SET (COMMUTATOR = OPERATOR(public.!==), NEGATOR = OPERATOR(public.===));
ALTER OPERATOR public.===(text,text) SET (COMMUTATOR = OPERATOR(public.===), NEGATOR = OPERATOR(public.!==), HASHES);
