CREATE TABLE fesaParam (
    idCia VARCHAR(6) NOT NULL,
    Parametro VARCHAR(50) NOT NULL,
    Valor VARCHAR(250) NOT NULL,
    PRIMARY KEY (idCia, Parametro)
);
CREATE TABLE fesaOCFocaltec (
    id INT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    idFocaltec VARCHAR(50) NULL,
    ocSage VARCHAR(22) NOT NULL,
    status VARCHAR(20) NOT NULL,
    lastUpdate DATE NULL,
    createdAt DATETIME NOT NULL,
    responseAPI VARCHAR(4000) NULL,
    idDatabase VARCHAR(6) NOT NULL
);
CREATE TABLE fesaPagosFocaltec (
    idCia VARCHAR(6) NOT NULL,
    NoPagoSage VARCHAR(22) NOT NULL,
    status VARCHAR(20) NOT NULL,
    idFocaltec VARCHAR(50) NULL
);
