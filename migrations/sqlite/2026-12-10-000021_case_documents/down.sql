DROP TABLE case_document_blobs;
DROP TABLE case_documents;
