CREATE DATABASE IF NOT EXISTS cm_kasama_cross_account_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://cm-kasama-cross-account-dev-data-111111111111/cm_kasama_cross_account_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_db.sales (
`id` int COMMENT 'Sales ID',
`product` string COMMENT 'Product name',
`amount` int COMMENT 'Sales amount',
`date` string COMMENT 'Sales date'
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-data-111111111111/cm_kasama_cross_account_db/sales/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_db.returns (
`id` int,
`reason` varchar(200)
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-data-111111111111/cm_kasama_cross_account_db/returns/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);
