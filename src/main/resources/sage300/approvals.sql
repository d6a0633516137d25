CREATE TABLE Autoriza_OC (
    PONumber VARCHAR(22) NOT NULL,
    Autorizada SMALLINT NOT NULL,
    Empresa VARCHAR(6) NOT NULL,
    PRIMARY KEY (Empresa, PONumber)
);
CREATE TABLE Autoriza_OC_detalle (
    id INT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    Empresa VARCHAR(6) NOT NULL,
    PONumber VARCHAR(22) NOT NULL,
    Fecha DATETIME NOT NULL
);
